import { z } from 'zod';
import { recordStates, sortKeys, type SortKey } from '@/domain/records/list-options';
import { levels } from '@/domain/reference/level-codes';

// The list's filters, sort and page, all kept in the URL so a filtered list can be shared and reloaded.
// Anything malformed is ignored rather than refused: a hand-edited address still shows a list.
const text = (max: number) => z.string().trim().max(max).optional().catch(undefined);
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .optional()
  .catch(undefined);

export const listQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  status: text(32),
  domain: text(64),
  unit: text(64),
  from: day,
  to: day,
  q: text(100),
  severity: z.enum(['general', 'major']).optional().catch(undefined),
  tier: z.enum(['1', '2', '3', '4', 'serious']).optional().catch(undefined),
  level: z.enum(levels).optional().catch(undefined),
  state: z.enum(recordStates).optional().catch(undefined),
  // The heatmaps' cell filters (a cell links to the list behind its number).
  dimension: text(64),
  stage: z.enum(['initiation', 'implementation', 'output', 'change']).optional().catch(undefined),
  cell: z
    .string()
    .regex(/^[1-5]-[1-5]$/)
    .optional()
    .catch(undefined),
  sort: z.enum(sortKeys).optional().catch(undefined),
  dir: z.enum(['asc', 'desc']).optional().catch(undefined),
});

export type ListQuery = z.output<typeof listQuerySchema>;

/** The list's address with some parameters changed (undefined drops one); a new filter starts at page 1. */
export function listHref(kind: string, query: ListQuery, change: Partial<Record<keyof ListQuery, string | number | undefined>>): string {
  const merged: Record<string, string | number | undefined> = { ...query, ...change };
  if (merged.page === 1) merged.page = undefined;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(merged)) if (v !== undefined && v !== '') params.set(k, String(v));
  const s = params.toString();
  return `/records/${kind}${s ? `?${s}` : ''}`;
}

/** The direction a click on a column header sorts by: the other way if it is the current column. */
export function nextSort(query: ListQuery, key: SortKey): { sort: SortKey; dir: 'asc' | 'desc' } {
  const current = query.sort ?? 'date';
  const dir = query.dir ?? 'desc';
  if (current === key) return { sort: key, dir: dir === 'desc' ? 'asc' : 'desc' };
  return { sort: key, dir: key === 'date' ? 'desc' : 'asc' };
}

export const hasFilters = (q: ListQuery) =>
  Boolean(
    q.status ||
    q.domain ||
    q.unit ||
    q.from ||
    q.to ||
    q.q ||
    q.severity ||
    q.tier ||
    q.level ||
    q.state ||
    q.dimension ||
    q.stage ||
    q.cell,
  );

/** `cell=L-I` as likelihood and impact. */
export function matrixCell(q: ListQuery): { likelihood: number; impact: number } | undefined {
  if (!q.cell) return undefined;
  const [likelihood, impact] = q.cell.split('-').map(Number) as [number, number];
  return { likelihood, impact };
}
