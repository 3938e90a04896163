import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../setup/test-db';
import { addUser, org, seedSmallOrg } from '../setup/small-org';
import { alerts } from '@/db/schema';
import { latestAlerts, listAlerts } from '@/db/alerts/alerts';
import { resolveActor } from '@/features/auth/resolve-actor';
import type { Actor } from '@/domain/auth/actor';
import { inboxFilters, inboxQuerySchema } from '@/features/alerts/views/inbox';
import type { Level } from '@/domain/reference/level-codes';

// Issue 14 item 12: one run of the rules stores every alert with the same instant, so "newest first"
// alone put 50 yellow alerts on page 1 and the red ones pages later. The inbox lists what needs action
// first (not acknowledged, red before orange before yellow before blue), and newest first on request with
// the most severe first among alerts of the same instant. Real migrated SQLite file.
let t: TestDb;
let office: Actor;
const run = new Date('2026-11-01T06:00:00+08:00');
const earlier = new Date('2026-10-01T06:00:00+08:00');

async function put(colour: Level, n: number, firedAt: Date, acknowledged = false) {
  for (let i = 0; i < n; i++)
    await t.db.insert(alerts).values({
      rule: 'hazard.overdue',
      subjectKind: 'hazard',
      subjectKey: `${colour}-${firedAt.getTime()}-${acknowledged}-${i}`,
      period: '2026-11',
      colour,
      unitId: org.BJ01,
      messageZh: colour,
      messageEn: colour,
      firedAt,
      acknowledgedAt: acknowledged ? run : null,
    });
}

beforeAll(async () => {
  t = await createTestDb();
  await seedSmallOrg(t.db);
  // Inserted in the order a run happens to store them: the red ones first, so they get the lowest ids.
  await put('red', 16, run);
  await put('red', 2, run, true);
  await put('orange', 20, run);
  await put('yellow', 50, run);
  await put('blue', 5, run);
  await put('red', 3, earlier);
  await addUser(t.db, 'office', 'office', 'HX');
  office = (await resolveActor(t.db, { cliLogin: 'office' }))!;
});
afterAll(() => t.close());

const page = async (query: Record<string, string>, n = 1) => {
  const q = inboxQuerySchema.parse({ ...query, page: String(n) });
  return (await listAlerts(t.db, office, inboxFilters(q), { page: q.page, pageSize: 50 }, q.sort)).rows;
};
const colours = (rows: { colour: string; acknowledgedAt: Date | null }[]) =>
  rows.map((r) => `${r.colour}${r.acknowledgedAt ? '(ack)' : ''}`);

describe('alerts inbox order', () => {
  it('puts what needs action first by default: unacknowledged red, orange, yellow, blue, then the acknowledged', async () => {
    const first = await page({});
    expect(colours(first.slice(0, 19))).toEqual([...Array(19).fill('red')]);
    expect(first[0]!.firedAt).toEqual(run); // the newest of a colour first
    expect(colours(first.slice(19, 39))).toEqual(Array(20).fill('orange'));
    expect(colours(first.slice(39))).toEqual(Array(11).fill('yellow'));
    const last = await page({}, 2);
    expect(colours(last).slice(-7)).toEqual([...Array(5).fill('blue'), 'red(ack)', 'red(ack)']);
  });

  it('lists newest first on request, the most severe first among alerts of the same instant', async () => {
    const first = await page({ sort: 'newest' });
    expect(colours(first.slice(0, 18)).sort()).toEqual([...Array(16).fill('red'), 'red(ack)', 'red(ack)'].sort());
    expect(colours(first.slice(18, 38))).toEqual(Array(20).fill('orange'));
    const last = await page({ sort: 'newest' }, 2);
    expect(colours(last).slice(-3)).toEqual(['red', 'red', 'red']);
    expect(last.at(-1)!.firedAt).toEqual(earlier);
  });

  it('shows the overview’s latest alerts most severe first within the same instant', async () => {
    expect((await latestAlerts(t.db, office.scope, 5)).map((a) => a.colour)).toEqual(Array(5).fill('red'));
  });
});
