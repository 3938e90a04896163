import { sameClass, TableHead } from '@/components/table-head';

/**
 * The overview trend's numbers as a table, behind a "show as table" toggle: the chart's text alternative
 * for a screen reader and for anyone who wants the figures (issue 14, item 19). Left out of the PNG.
 */
export function TrendTable({
  id,
  summary,
  caption,
  monthLabel,
  totalLabel,
  categories,
  rows,
}: {
  id: string;
  summary: string;
  caption: string;
  monthLabel: string;
  totalLabel: string;
  categories: string[];
  rows: Record<string, string | number>[];
}) {
  return (
    <details className="mt-3 text-sm" data-export-skip="true" data-testid="trend-table">
      <summary className="cursor-pointer text-blue-700 hover:underline">{summary}</summary>
      <div className="mt-2 overflow-x-auto">
        <table id={id} className="min-w-full text-xs tabular-nums">
          <caption className="pb-1 text-left text-gray-600">{caption}</caption>
          <TableHead
            row="text-left text-gray-600"
            cells={[[monthLabel, 'px-2 py-1 font-medium'], ...sameClass([...categories, totalLabel], 'px-2 py-1 text-right font-medium')]}
          />
          <tbody>
            {rows.map((r) => (
              <tr key={String(r.month)} className="border-t border-gray-100">
                <th scope="row" className="px-2 py-1 text-left font-normal">
                  {r.month}
                </th>
                {categories.map((c) => (
                  <td key={c} className="px-2 py-1 text-right">
                    {r[c] ?? 0}
                  </td>
                ))}
                <td className="px-2 py-1 text-right font-medium">{categories.reduce((s, c) => s + Number(r[c] ?? 0), 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
