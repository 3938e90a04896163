export interface Column {
  label: string;
  align?: 'left' | 'right';
}

/**
 * The bordered, scrollable table every list in the product uses; rows come as children. `compact` keeps
 * headers on one line with narrower padding, for wide tables such as the ratings.
 */
export function DataTable({
  columns,
  testId,
  compact = false,
  children,
}: {
  columns: Column[];
  testId?: string;
  compact?: boolean;
  children: React.ReactNode;
}) {
  return (
    <div className="overflow-x-auto rounded-lg border border-gray-200 bg-white">
      <table className="min-w-full text-sm" data-testid={testId}>
        <thead className="bg-gray-50 text-left text-gray-600">
          <tr>
            {columns.map((c) => (
              <th
                key={c.label}
                scope="col"
                className={`${compact ? 'whitespace-nowrap px-3' : 'px-4'} py-2 font-medium ${c.align === 'right' ? 'text-right' : ''}`}
              >
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
