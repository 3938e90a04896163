/**
 * Rows of a tree ordered so that each row comes after the row its `parent` column names (rows whose parent
 * is null, or not among `rows`, first). A cycle cannot be ordered and is an error; the database's own
 * foreign key would refuse it anyway, but the message says which row.
 */
export function parentsFirst<R extends Record<string, unknown>>(rows: R[], key: string, parent: string): R[] {
  const byKey = new Map(rows.map((r) => [r[key], r]));
  const placed = new Set<unknown>();
  const ordered: R[] = [];
  for (const row of rows) {
    const chain: R[] = [];
    const seen = new Set<unknown>();
    for (let r: R | undefined = row; r && !placed.has(r[key]); r = byKey.get(r[parent])) {
      if (seen.has(r[key])) throw new Error(`a cycle of ${parent} through ${String(r[key])}`);
      seen.add(r[key]);
      chain.push(r);
    }
    for (const r of chain.reverse()) {
      placed.add(r[key]);
      ordered.push(r);
    }
  }
  return ordered;
}
