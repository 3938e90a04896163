import type { Db } from '@/db/tx';
import { loadAlertFacts } from '@/db/alerts/alert-inputs';
import { surgeEventsFrom } from '@/domain/alerts/rules/domain-surge';
import { activeAlertRules } from '@/db/rule-sets/alert-rule-sets';
import { markAlertRead, storeAlerts } from '@/db/alerts/alerts';
import { acknowledgeAlert } from '@/features/alerts/acknowledge';
import { alertsFiredBetween, insertBulletin } from '@/db/bulletins/bulletins';
import { evaluateAlerts } from '@/domain/alerts/evaluate';
import { ratingFactsAt } from '@/features/alerts/run-alerts';
import type { RatingFact } from '@/domain/alerts/types';
import { resolveActor } from '@/features/auth/resolve-actor';
import type { Actor } from '@/domain/auth/actor';
import { buildBulletinBody } from '@/features/bulletins/build';
import { addMonths, bulletinDueAt, latestDueMonth, monthRange, monthStart } from '@/domain/time/months';
import { DAY_MS, HOUR_MS, shanghaiMonth } from '@/domain/time/shanghai';
import { Random } from '@/features/demo/random';

// A freshly loaded demo academy should look like an installation that has been running for a year: an
// alerts inbox with a past (most old alerts acknowledged and read, recent ones not), and a bulletin for
// every past month with the figures of its month. Everything is made by the product's own code (the alert
// run, acknowledgement, read marks, the bulletin builder) at the instants it would have run; only the
// choice of who acknowledged and read what is drawn, from the demo seed.

/** Months of bulletins the demo holds, ending with the latest due month. */
export const HISTORY_MONTHS = 12;
/** The alert run is replayed every REPLAY_DAYS days (the real job runs daily), to keep `npm start` quick. */
export const REPLAY_DAYS = 7;
/** The alert run's hour, as the daily job (jobs/alerts.ts). */
const RUN_HOUR = 6;

const COMMENTS = [
  '已督促责任单位限期整改，持续跟踪。',
  '已核实情况，列入本月专项检查。',
  '已通知所在分院跟进处理。',
  '整改已完成，已组织复查。',
  '已约谈项目负责人，落实防范措施。',
];

export interface DemoHistoryReport {
  replays: number;
  alerts: number;
  acknowledged: number;
  read: number;
  bulletins: string[];
}

/**
 * The replay instants: 06:00 (Shanghai) every REPLAY_DAYS days, from one month before the first bulletin
 * month (so the first run's catch-up of long-standing conditions does not land in the first bulletin) up
 * to the day before `now` (the server's own run at start fires the rest).
 */
export function replayInstants(now: Date): Date[] {
  const first = addMonths(latestDueMonth(now), 1 - HISTORY_MONTHS);
  const out: Date[] = [];
  const last = now.getTime() - DAY_MS;
  for (let t = monthStart(addMonths(first, -1)).getTime() + RUN_HOUR * HOUR_MS; t < last; t += REPLAY_DAYS * DAY_MS) out.push(new Date(t));
  return out;
}

/**
 * Loads the history described above into a database that holds the demo academy and its accounts. Called
 * inside the demo's loading transaction (insertDemo), every statement here joins it (the engine routes by
 * async context, decision 040; acknowledgements are savepoints in it), so the history is stored whole or not.
 */
export async function seedDemoHistory(db: Db, now: Date, seed: number): Promise<DemoHistoryReport> {
  const replays = replayInstants(now);
  const alerts = await replayAlertRuns(db, replays);
  const triage = await triageAlerts(db, now, new Random(seed ^ 0x5eed));
  const months = monthRange(addMonths(latestDueMonth(now), 1 - HISTORY_MONTHS), latestDueMonth(now));
  // Each as the job would have stored it at 08:00 on the 1st of the next month, from the same records.
  const bulletins: string[] = [];
  for (const m of months) if (await insertBulletin(db, m, await buildBulletinBody(db, m), bulletinDueAt(m))) bulletins.push(m);
  return { replays: replays.length, alerts, ...triage, bulletins };
}

/**
 * The daily alert run (features/alerts/run-alerts.ts) at each instant: the same facts, the same pure rules, each
 * alert stored with the run's instant. Two shortcuts keep a year of runs cheap: ratings are computed once a
 * month rather than per run (a rise fires at the first run of the month it shows in), and candidates already
 * stored by an earlier run are dropped before the insert (which the unique index would refuse anyway).
 */
async function replayAlertRuns(db: Db, instants: readonly Date[]): Promise<number> {
  const rules = await activeAlertRules(db);
  const stored = new Set<string>();
  let ratings: RatingFact[] = [];
  let ratedMonth = '';
  let n = 0;
  for (const at of instants) {
    if (shanghaiMonth(at) !== ratedMonth) {
      ratings = await ratingFactsAt(db, rules.rating, at);
      ratedMonth = shanghaiMonth(at);
    }
    const facts = await loadAlertFacts(db, at, surgeEventsFrom(at, rules.alerts), ratings);
    const fresh = evaluateAlerts(facts, rules, at).filter((c) => {
      const key = `${c.rule}|${c.subjectKind}|${c.subjectKey}|${c.period}`;
      return !stored.has(key) && Boolean(stored.add(key));
    });
    n += await storeAlerts(db, fresh, at);
  }
  return n;
}

interface Step {
  at: Date;
  actor: Actor;
  alertId: number;
  acknowledge: boolean;
}

/**
 * The older an alert (and red ones more), the likelier it was acknowledged (by the office, or by the Beijing
 * branch officer for its own units) and read; alerts of the last two days are untouched. The leader has read
 * most old red and orange alerts. Applied in time order, so the audit trail of acknowledgements reads in order.
 */
async function triageAlerts(db: Db, now: Date, rng: Random): Promise<{ acknowledged: number; read: number }> {
  const office = await resolveActor(db, { cliLogin: 'office' });
  const branch = await resolveActor(db, { cliLogin: 'bj.officer' });
  const leader = await resolveActor(db, { cliLogin: 'leader' });
  if (!office || !branch || !leader) return { acknowledged: 0, read: 0 };
  const inBranch = new Set(branch.scope.all ? [] : branch.scope.unitIds);
  const steps: Step[] = [];
  const later = (from: Date, minHours: number, maxHours: number) =>
    new Date(Math.min(from.getTime() + rng.int(minHours, maxHours) * HOUR_MS, now.getTime() - HOUR_MS));
  for (const a of await alertsFiredBetween(db, new Date(0), now)) {
    const age = (now.getTime() - a.firedAt.getTime()) / DAY_MS;
    if (age < 2) continue;
    // Red alerts are dealt with sooner than the rest.
    const acknowledged = rng.chance((age > 60 ? 0.85 : age > 14 ? 0.6 : 0.25) + (a.colour === 'red' && age > 14 ? 0.1 : 0));
    const actor = a.unitId !== null && inBranch.has(a.unitId) && rng.chance(0.5) ? branch : office;
    if (acknowledged) steps.push({ at: later(a.firedAt, 2, 120), actor, alertId: a.id, acknowledge: true });
    else if (rng.chance(0.5)) steps.push({ at: later(a.firedAt, 1, 48), actor: office, alertId: a.id, acknowledge: false });
    if ((a.colour === 'red' || a.colour === 'orange') && age > 7 && rng.chance(0.6))
      steps.push({ at: later(a.firedAt, 4, 72), actor: leader, alertId: a.id, acknowledge: false });
  }
  steps.sort((x, y) => x.at.getTime() - y.at.getTime() || x.alertId - y.alertId);
  let acknowledged = 0;
  for (const s of steps) {
    await markAlertRead(db, s.actor.userId, s.alertId, s.at);
    if (!s.acknowledge) continue;
    await acknowledgeAlert(db, s.actor, s.alertId, rng.pick(COMMENTS), s.at);
    acknowledged++;
  }
  return { acknowledged, read: steps.length };
}
