import Link from 'next/link';
import { sameClass, TableHead } from '@/components/table-head';

export interface GridCell {
  value: number;
  /** Background and text classes (components/dashboards/heat-scale.ts). */
  cls: string;
  href?: string;
  /** What the cell is, in words, for the tooltip and screen readers. */
  label: string;
}

/** A labelled grid of numbered, coloured cells, each a link to the records behind its number. */
export function HeatGrid({
  corner,
  columns,
  rows,
  testId,
  totals,
  startAtEnd,
  scrollHint,
}: {
  corner: string;
  columns: string[];
  rows: { label: string; cells: GridCell[]; total?: number }[];
  testId: string;
  totals?: string;
  /**
   * Open scrolled to the last columns (the latest months): a right-to-left scroll box starts at its right
   * end, while the table inside it reads left to right as before. No script, so no jump after hydration.
   */
  startAtEnd?: boolean;
  /** Said above a grid that opens at its end, so that a reader knows the earlier columns are there. */
  scrollHint?: string;
}) {
  return (
    <div>
      {startAtEnd && scrollHint ? (
        <p className="mb-1 text-xs text-gray-500" data-testid="scroll-hint">
          {scrollHint}
        </p>
      ) : null}
      <div className="overflow-x-auto" dir={startAtEnd ? 'rtl' : undefined} data-testid={`${testId}-scroll`}>
        <table className="min-w-full border-separate border-spacing-0.5 text-sm" data-testid={testId} dir={startAtEnd ? 'ltr' : undefined}>
          <GridHead corner={corner} columns={columns} totals={totals} />
          <tbody>
            {rows.map((r) => (
              <tr key={r.label}>
                <th scope="row" className="sticky left-0 whitespace-nowrap bg-white px-2 py-1 text-left font-normal text-gray-900">
                  {r.label}
                </th>
                {r.cells.map((c, i) => (
                  <Cell key={i} cell={c} />
                ))}
                {r.total !== undefined ? <td className="px-2 py-1 text-right font-medium tabular-nums">{r.total}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function GridHead({ corner, columns, totals }: { corner: string; columns: string[]; totals?: string }) {
  return (
    <TableHead
      row="text-xs text-gray-600"
      cells={[
        [corner, 'sticky left-0 bg-white px-2 py-1 text-left font-medium'],
        ...sameClass(columns, 'min-w-[3.5rem] px-1 py-1 text-center font-medium'),
        ...sameClass(totals ? [totals] : [], 'px-2 py-1 text-right font-medium'),
      ]}
    />
  );
}

/** One numbered cell: a link to the records behind it when it has somewhere to go. */
function Cell({ cell }: { cell: GridCell }) {
  return (
    <td className={`rounded text-center tabular-nums ${cell.cls}`}>
      {cell.href ? (
        <Link
          prefetch={false}
          href={cell.href}
          className="block px-1 py-1.5 hover:underline"
          title={cell.label}
          aria-label={cell.label}
          data-testid="heat-cell"
        >
          {cell.value}
        </Link>
      ) : (
        <span className="block px-1 py-1.5" title={cell.label}>
          {cell.value}
        </span>
      )}
    </td>
  );
}
