import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawAll, rawGet } from '@/db/engine';
import { createTestDb, type TestDb } from '../setup/test-db';
import { insertDataset } from '@/features/demo/insert-dataset';
import { buildHazard } from '@/features/demo/factories';
import { oneBranchUnits } from '../setup/one-branch';
import { runAlerts } from '@/features/alerts/run-alerts';
import { refreshProvisionalRatings } from '@/features/rating/refresh';
import { enqueueAlertDeliveries } from '@/features/delivery/deliver';
import * as overdue from '@/domain/alerts/rules/hazard-overdue';

// Issue 13: one institute files a flood of hazards, all overdue. The alerts run (and the delivery queue it
// feeds) must stay bounded by the cap, not by what the institute filed (decision 030). Real migrated SQLite.

const FLOOD = 20_000;
const CAP = 50;
const DAY = 86_400_000;
// 15 June 2026, 12:00 in Beijing.
const NOW = new Date('2026-06-15T12:00:00+08:00');
const HOOK = { webhookUrl: 'http://127.0.0.1:9/hook', webhookSecret: 'flood-secret' };
const own = (id: number) => ({ unitId: id, instituteId: id });

let t: TestDb;
type Row = {
  rule: string;
  subject_kind: string;
  subject_key: string;
  period: string;
  colour: string;
  unit_id: number;
  message_en: string;
  details: string;
};
const rows = (): Promise<Row[]> => rawAll<Row>(t.db, sql`SELECT * FROM alerts ORDER BY id`);
const count = async (text: string) => (await rawGet<{ n: number }>(t.db, sql.raw(text)))!.n;
const cpuSeconds = async (f: () => Promise<void>) => {
  const c0 = process.cpuUsage();
  await f();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1e6;
};

beforeAll(async () => {
  t = await createTestDb();
  await insertDataset(t.db, {
    units: oneBranchUnits(),
    hazards: [
      // The flood: every one overdue at NOW, one in 20 major.
      ...Array.from({ length: FLOOD }, (_, i) => {
        const foundAt = new Date(NOW.getTime() - (40 + (i % 300)) * DAY);
        return buildHazard({
          ...own(4),
          externalId: `FLOOD-${i}`,
          severity: i % 20 === 0 ? 'major' : 'general',
          foundAt,
          dueAt: new Date(foundAt.getTime() + 30 * DAY),
        });
      }),
      // A neighbour under the cap: each of its overdue hazards fires as before.
      ...[1, 2, 3].map((i) =>
        buildHazard({
          ...own(5),
          externalId: `BJ02-${i}`,
          foundAt: new Date(NOW.getTime() - 60 * DAY),
          dueAt: new Date(NOW.getTime() - i * DAY),
        }),
      ),
    ],
  });
  // The provisional rating is O(records) and unchanged by decision 030; computed first so the bound below
  // measures the alerts run itself (the run's own refresh then finds nothing changed).
  await refreshProvisionalRatings(t.db, NOW);
}, 300_000);
afterAll(() => t?.close());

describe(`a flood of ${FLOOD.toLocaleString('en-US')} overdue hazards in one institute`, () => {
  it('stores at most the cap plus one summary for it, and stays within a CPU bound', async () => {
    let stored = 0;
    const cpu = await cpuSeconds(async () => {
      stored = (await runAlerts(t.db, { now: NOW })).stored;
      await enqueueAlertDeliveries(t.db, NOW, HOOK);
    });
    const hazardAlerts = (await rows()).filter((r) => r.rule === 'hazard.overdue');
    const bj01 = hazardAlerts.filter((r) => r.unit_id === 4);
    expect(bj01.filter((r) => r.subject_kind === 'hazard')).toHaveLength(CAP);
    const summaries = bj01.filter((r) => r.subject_kind === 'unit');
    expect(summaries).toHaveLength(1);
    expect(summaries[0]).toMatchObject({ subject_key: '4', period: '2026-06-15:overdue-hazards', colour: 'orange' });
    expect(summaries[0]!.message_en).toContain('19,950 more overdue hazards');
    expect(JSON.parse(summaries[0]!.details).links).toEqual([
      { kind: 'filtered', recordKind: 'hazards', unitCode: 'BJ01', state: 'overdue' },
    ]);
    // Major hazards get their own alert first.
    expect(bj01.filter((r) => r.subject_kind === 'hazard').every((r) => r.colour === 'orange')).toBe(true);
    // The neighbour under the cap: one alert per overdue hazard, no summary.
    expect(hazardAlerts.filter((r) => r.unit_id === 5).map((r) => r.subject_kind)).toEqual(['hazard', 'hazard', 'hazard']);
    expect(stored).toBe(await count('SELECT count(*) AS n FROM alerts'));
    // Every stored alert was scanned once and queued to the webhook.
    expect(await count('SELECT count(*) AS n FROM alert_dispatch')).toBe(stored);
    expect(await count("SELECT count(*) AS n FROM alert_deliveries WHERE channel = 'webhook'")).toBe(stored);
    // Before decision 030 this cost ~15 s of CPU here (20,000 messages, 20,000 commits, a rescan per batch).
    console.log(`alerts run + delivery queue: ${cpu.toFixed(2)} s CPU, ${stored} alerts`);
    expect(cpu).toBeLessThan(3);
    expect(overdue.HAZARD_OVERDUE_CAP).toBe(CAP);
  }, 600_000);

  it('stores nothing new when run again the same day, and one new summary the next day', async () => {
    const before = await count('SELECT count(*) AS n FROM alerts');
    expect((await runAlerts(t.db, { now: new Date(NOW.getTime() + 3_600_000) })).stored).toBe(0);
    expect(await enqueueAlertDeliveries(t.db, NOW, HOOK)).toBe(0);
    expect(await count('SELECT count(*) AS n FROM alerts')).toBe(before);
    const next = await runAlerts(t.db, { now: new Date(NOW.getTime() + DAY) });
    expect(next.stored).toBe(1);
    expect((await rows()).at(-1)).toMatchObject({
      rule: 'hazard.overdue',
      subject_kind: 'unit',
      subject_key: '4',
      period: '2026-06-16:overdue-hazards',
    });
  }, 600_000);
});
