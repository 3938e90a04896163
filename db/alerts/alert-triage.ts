import { and, count, desc, isNull, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../tx';
import { alerts } from '../schema';
import type { Scope } from '@/domain/auth/actor';
import { levels, type Level } from '@/domain/reference/level-codes';
import { inScope } from '@/db/scope';
import { integerValue } from '@/db/sql/dialect';

// Red 3 … blue 0. One run of the rules stores all its alerts at one instant, so time alone leaves the
// order among hundreds of alerts to their ids; severity decides it instead.
const severity = sql`CASE ${alerts.colour} ${sql.join(
  levels.map((l, i) => sql`WHEN ${l} THEN ${integerValue(i)}`),
  sql` `,
)} END`;

/**
 * The inbox's orders: `action` (default) lists what needs action first: not yet acknowledged, then the most
 * severe, then the newest; `newest` lists by time, the most severe first within one instant.
 */
export const alertOrders = ['action', 'newest'] as const;
export type AlertOrder = (typeof alertOrders)[number];

export function orderOf(order: AlertOrder): SQL[] {
  const newest = [desc(alerts.firedAt), desc(severity), desc(alerts.id)];
  return order === 'newest' ? newest : [sql`${alerts.acknowledgedAt} IS NOT NULL`, desc(severity), ...newest];
}

/** Alerts in scope not yet acknowledged, per colour: what the inbox says needs action. */
export async function unacknowledgedByColour(q: Queryable, scope: Scope): Promise<Record<Level, number>> {
  const counts = Object.fromEntries(levels.map((l) => [l, 0])) as Record<Level, number>;
  const rows = await q
    .select({ colour: alerts.colour, n: count() })
    .from(alerts)
    .where(and(inScope(alerts.unitId, scope), isNull(alerts.acknowledgedAt)))
    .groupBy(alerts.colour);
  for (const r of rows) counts[r.colour] = r.n;
  return counts;
}
