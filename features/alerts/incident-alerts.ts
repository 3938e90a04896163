import type { Tx } from '@/db/tx';
import { domainNames, unitInfos } from '@/db/alerts/alert-inputs';
import { activeAlertRules } from '@/db/rule-sets/alert-rule-sets';
import { storeAlerts } from '@/db/alerts/alerts';
import { effectiveTier } from '@/domain/incidents/effective-tier';
import type { Tier } from '@/domain/rating/types';
import { seriousIncidentAlert } from '@/domain/alerts/rules/incident-serious';
import type { IncidentFact } from '@/domain/alerts/types';

/** An incident as the write path stored it, and (for an update) its values before. */
export interface WrittenIncident {
  id: number;
  row: Record<string, unknown>;
  before: Record<string, unknown> | null;
}

const fact = (id: number, r: Record<string, unknown>): IncidentFact => ({
  id,
  externalId: String(r.externalId),
  unitId: Number(r.unitId),
  domain: String(r.domain),
  tier: Number(r.tier) as Tier,
  deaths: Number(r.deaths ?? 0),
  seriousInjuries: Number(r.seriousInjuries ?? 0),
  directLossCny: Number(r.directLossCny ?? 0),
  occurredAt: r.occurredAt instanceof Date ? r.occurredAt : new Date(Number(r.occurredAt)),
  withdrawn: r.status === 'withdrawn',
});

/**
 * incident.serious inside the write path's transaction (features/records/submit.ts), for every source: a new
 * incident whose effective tier has a colour, or a stored one whose effective tier became more serious.
 * Stored in the same transaction, so a submission that rolls back leaves no alert; a resend that changes
 * nothing fires nothing (and the unique index would refuse a second alert for the same tier anyway).
 */
export async function fireIncidentAlerts(tx: Tx, written: readonly WrittenIncident[], now: Date): Promise<number> {
  if (written.length === 0) return 0;
  const rules = await activeAlertRules(tx);
  if (!rules.alerts['incident.serious'].enabled) return 0;
  const candidates = [];
  for (const w of written) {
    const after = fact(w.id, w.before ? { ...w.before, ...w.row } : w.row);
    if (w.before) {
      const was = effectiveTier(fact(w.id, w.before), rules.rating).tier;
      const wasWithdrawn = w.before.status === 'withdrawn';
      if (!wasWithdrawn && effectiveTier(after, rules.rating).tier >= was) continue;
    }
    candidates.push(after);
  }
  if (candidates.length === 0) return 0;
  const facts = { units: await unitInfos(tx, [...new Set(candidates.map((c) => c.unitId))]), domains: await domainNames(tx) };
  const alerts = candidates.flatMap((c) => seriousIncidentAlert(c, facts, rules) ?? []);
  return await storeAlerts(tx, alerts, now);
}
