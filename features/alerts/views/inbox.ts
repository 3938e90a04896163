import { z } from 'zod';
import { levels } from '@/domain/reference/level-codes';
import { monthEnd, monthStart } from '@/domain/time/months';
import type { AlertFilters } from '@/db/alerts/alerts';
import { alertOrders } from '@/db/alerts/alert-triage';
import { alertRuleIds } from '@/domain/alerts/rule-set';

// The inbox's filters and page, kept in the URL; anything malformed is ignored, so an edited address still
// shows a list.
export const inboxQuerySchema = z.object({
  rule: z.enum(alertRuleIds).optional().catch(undefined),
  colour: z.enum(levels).optional().catch(undefined),
  unit: z.string().trim().max(64).optional().catch(undefined),
  ack: z.enum(['yes', 'no']).optional().catch(undefined),
  period: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
    .optional()
    .catch(undefined),
  sort: z.enum(alertOrders).catch('action'),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export type InboxQuery = z.output<typeof inboxQuerySchema>;

/** The query's filters for listAlerts: `period` is the local month the alert fired in. */
export function inboxFilters(q: InboxQuery): AlertFilters {
  const from = q.period ? monthStart(q.period) : undefined;
  const to = q.period ? monthEnd(q.period) : undefined;
  return {
    rule: q.rule,
    colour: q.colour,
    unit: q.unit || undefined,
    acknowledged: q.ack === undefined ? undefined : q.ack === 'yes',
    from,
    to,
  };
}

export function inboxHref(q: InboxQuery, change: Partial<Record<keyof InboxQuery, string | number | undefined>>): string {
  const merged: Record<string, string | number | undefined> = { ...q, ...change };
  if (merged.page === 1) merged.page = undefined;
  if (merged.sort === 'action') merged.sort = undefined;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(merged)) if (v !== undefined && v !== '') params.set(k, String(v));
  const s = params.toString();
  return `/alerts${s ? `?${s}` : ''}`;
}
