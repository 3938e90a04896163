// The 5×5 matrix's body, shared by the picker (risk-grid.tsx) and the read-only view (risk-matrix-view.tsx):
// likelihood 5 at the top, each row headed by its likelihood, impact 1-5 across.

export const SCALE = [1, 2, 3, 4, 5] as const;

/** The matrix's rows; `cell` draws each cell (a `<td>` keyed by its impact). */
export function MatrixRows({ cell }: { cell: (likelihood: number, impact: number, score: number) => React.ReactNode }) {
  return (
    <tbody>
      {[...SCALE].reverse().map((l) => (
        <tr key={l}>
          <th scope="row" className="text-xs font-medium text-gray-600">
            {l}
          </th>
          {SCALE.map((i) => cell(l, i, l * i))}
        </tr>
      ))}
    </tbody>
  );
}
