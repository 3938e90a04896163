// A table's head: one row of column headings (`<th scope="col">`), each with the classes its table gives it
// (the overview's, the heatmaps' and the trend tables' heads differ only in their classes).

/** One heading: what it says, and its classes. */
export type HeadCell = readonly [label: React.ReactNode, className: string];

export function TableHead({ row, cells }: { row: string; cells: readonly HeadCell[] }) {
  return (
    <thead>
      <tr className={row}>
        {cells.map(([label, className], i) => (
          <th key={i} scope="col" className={className}>
            {label}
          </th>
        ))}
      </tr>
    </thead>
  );
}

/** Headings that share their classes (one per column of a list). */
export function sameClass(labels: readonly React.ReactNode[], className: string): HeadCell[] {
  return labels.map((label) => [label, className]);
}
