import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from '@/db/tx';
import { appendAudit, type AuditEntry } from '@/db/audit/audit-log';
import { getSetting } from '@/db/settings';
import { storedRatings } from '@/db/rating/ratings';
import { publishRatings } from '@/db/rating/rating-publish';
import { buildIncident } from '@/features/demo/factories';
import { insertDataset } from '@/features/demo/insert-dataset';
import { activeRatingRuleSet } from '@/db/rule-sets/rating-rule-sets';
import { ALL_UNITS, type Actor } from '@/domain/auth/actor';
import { createApiToken } from '@/features/auth/api-tokens';
import { resolveActor } from '@/features/auth/resolve-actor';
import { submitRecords } from '@/features/records/submit';
import { evaluationInstant } from '@/domain/rating/evaluate';
import { rateInstitutes } from '@/features/rating/rate-institutes';
import { markKey, refreshProvisionalRatings } from '@/features/rating/refresh';
import { refreshPlan } from '@/features/rating/refresh-plan';
import { ratingsFollowWrites } from '@/features/rating/follow-writes';
import { publishedDrift } from '@/features/rating/published-drift';
import { awaitProvisionalRatings, ensureYearRatings } from '@/features/rating/year-ratings';
import { createTestDb } from '../setup/test-db';
import { addUser, org, seedSmallOrg } from '../setup/small-org';

// Stored ratings after a change (decisions 022, 045): only the institutes whose records were written are
// rated again, for every year that is not published, and what is stored then equals rating everyone from
// scratch. Reads store nothing; the "records changed" event and the daily job do.

let db: Db;
let close: () => void;
let actor: Actor;
const t0 = new Date('2026-06-01T12:00:00+08:00');
beforeAll(async () => {
  ({ db, close } = await createTestDb());
  await seedSmallOrg(db);
  const token = await createApiToken(db, await addUser(db, 'pr.office', 'office', 'HX'), 't');
  actor = (await resolveActor(db, { bearerToken: token.token }))!;
});
afterAll(() => close());

const stored = async (year = 2026, status: 'provisional' | 'final' | 'published' = 'provisional') =>
  new Map((await storedRatings(db, ALL_UNITS, year, status)).map((r) => [r.instituteId, r]));
const ids = async (year = 2026, status: 'provisional' | 'final' | 'published' = 'provisional') =>
  new Map([...(await stored(year, status))].map(([institute, r]) => [institute, r.id]));
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

async function incident(externalId: string, unitCode: string, minutes: number, occurredAt = '2026-05-30T10:00:00+08:00') {
  await submitRecords(
    db,
    actor,
    'incidents',
    [{ externalId, unitCode, domain: 'ai', dimension: 'data', tier: 2, occurredAt, reportedAt: occurredAt.replace('10:00', '10:30') }],
    { now: at(minutes), source: 'api' },
  );
}

const audit = (minutes: number, e: Omit<AuditEntry, 'actorUserId' | 'before' | 'after'>) =>
  appendAudit(db, [{ actorUserId: null, before: null, after: null, ...e }], at(minutes));

/** What rating every institute from scratch at `now` gives, as stored rows show it. */
async function fromScratch(now: Date, year = 2026) {
  const results = await rateInstitutes(db, await activeRatingRuleSet(db), year, { asOf: evaluationInstant(year, now) });
  return new Map(
    results.map((r) => [r.institute.id, { level: r.rating.level, points: r.rating.points, n: r.rating.contributions.length }]),
  );
}

async function expectAsFromScratch(now: Date, year = 2026, status: 'provisional' | 'final' = 'provisional') {
  const whole = await fromScratch(now, year);
  for (const [institute, r] of await stored(year, status))
    expect({ level: r.level, points: r.points, n: r.contributions.length }, `institute ${institute}`).toEqual(whole.get(institute));
}

it('a new database: a read stores nothing; the first write event rates this year whole', async () => {
  expect(await ensureYearRatings(db, 2026, t0)).toBe('provisional');
  expect(await awaitProvisionalRatings(db, 2026, t0, 10)).toEqual({ recomputing: false, computedAt: null });
  expect((await ids()).size).toBe(0);
  await ratingsFollowWrites(db, t0);
  expect((await ids()).size).toBe(3);
  await expectAsFromScratch(t0);
});

it('after a write, rates again only the institute it belongs to, and stores what a whole rating would', async () => {
  // The daily job: last year's final ratings (the year has ended), this year already rated today.
  expect(await refreshProvisionalRatings(db, t0)).toBe(true);
  expect(await refreshProvisionalRatings(db, at(1))).toBe(false);
  const before = await ids();
  expect(before.size).toBe(3);

  // Filed by a department of BJ01: BJ01 is rated again, nobody else.
  await incident('INC-PR-1', 'BJ01-D1', 2);
  await ratingsFollowWrites(db, at(3));
  const after = await ids();
  expect(after.get(org.BJ01)).not.toBe(before.get(org.BJ01));
  expect(after.get(org.BJ02)).toBe(before.get(org.BJ02));
  expect(after.get(org.SH01)).toBe(before.get(org.SH01));
  const bj01 = (await stored()).get(org.BJ01)!;
  expect(bj01.level).toBe('red');
  expect(bj01.contributions.some((c) => c.recordExternalId === 'INC-PR-1')).toBe(true);
  await expectAsFromScratch(at(3));
  expect(await refreshProvisionalRatings(db, at(4))).toBe(false);
});

it('writes to two institutes rate both again; an alert acknowledged or a setting changed rates nobody', async () => {
  const before = await ids();
  await incident('INC-PR-2', 'SH01', 5);
  await incident('INC-PR-3', 'BJ02', 5);
  await ratingsFollowWrites(db, at(6));
  const after = await ids();
  expect(after.get(org.SH01)).not.toBe(before.get(org.SH01));
  expect(after.get(org.BJ02)).not.toBe(before.get(org.BJ02));
  expect(after.get(org.BJ01)).toBe(before.get(org.BJ01));

  // Not rating inputs (the allow-list): an alert, a delivery setting, the warning list, a user, a rule-set edit.
  await audit(7, { action: 'alert.acknowledge', entityKind: 'alert', entityId: 1, unitId: org.SH01 });
  await audit(7, { action: 'delivery.routes', entityKind: 'settings', entityId: null, unitId: null });
  await audit(7, { action: 'warning_list.add', entityKind: 'warning_list_entry', entityId: 1, unitId: org.BJ01 });
  await audit(7, { action: 'rule_set.update', entityKind: 'rule_set', entityId: 1, unitId: null });
  await ratingsFollowWrites(db, at(8));
  expect(await refreshProvisionalRatings(db, at(8))).toBe(false);
  expect(await ids()).toEqual(after);
});

it('a change that is not a record (a unit moved) rates everyone again, as does the next Beijing day', async () => {
  let before = await ids();
  await audit(9, { action: 'units.move', entityKind: 'units', entityId: org.BJ01_D1, unitId: org.BJ01_D1 });
  await ratingsFollowWrites(db, at(10));
  for (const [institute, id] of await ids()) expect(id, `institute ${institute}`).not.toBe(before.get(institute));

  before = await ids();
  // The whole rating is per Beijing calendar day (the daily job): 23:50 is still today, 00:05 is tomorrow.
  expect(await refreshProvisionalRatings(db, at(11 * 60 + 50))).toBe(false);
  expect(await refreshProvisionalRatings(db, at(12 * 60 + 5))).toBe(true);
  for (const [institute, id] of await ids()) expect(id, `institute ${institute}`).not.toBe(before.get(institute));
});

it('reads store nothing; what was committed without being followed (a crash) is rated by the next follow', async () => {
  const before = await ids();
  const mark = await getSetting(db, markKey(2026));
  // Committed with its audit entry, and the process died before re-rating.
  const occurredAt = new Date('2026-05-30T10:00:00+08:00');
  await insertDataset(db, {
    incidents: [buildIncident({ unitId: org.BJ02, instituteId: org.BJ02, externalId: 'INC-PR-4', tier: 2, occurredAt })],
  });
  await audit(13 * 60, { action: 'incidents.create', entityKind: 'incidents', entityId: null, unitId: org.BJ02 });
  const later = at(13 * 60 + 1);
  expect(await ensureYearRatings(db, 2026, later)).toBe('provisional');
  expect(await ensureYearRatings(db, 2025, later)).toBe('final');
  expect(await awaitProvisionalRatings(db, 2026, later, 10)).toMatchObject({ recomputing: false });
  expect(await ids()).toEqual(before);
  expect(await getSetting(db, markKey(2026))).toBe(mark);
  // The next write's event (or the daily job, or start-up) catches up.
  await ratingsFollowWrites(db, later);
  const after = await ids();
  expect(after.get(org.BJ02)).not.toBe(before.get(org.BJ02));
  expect(after.get(org.SH01)).toBe(before.get(org.SH01));
  expect((await stored()).get(org.BJ02)!.contributions.some((c) => c.recordExternalId === 'INC-PR-4')).toBe(true);
});

it("a record of last year changes last year's stored rating at once; a published year never changes", async () => {
  // The daily job stored 2025's final ratings (the year had ended) at the first refresh.
  const final = await ids(2025, 'final');
  expect(final.size).toBe(3);
  const provisional = await ids();
  await incident('INC-PR-2025', 'SH01', 14 * 60, '2025-11-03T10:00:00+08:00');
  await ratingsFollowWrites(db, at(14 * 60 + 1));
  const after = await ids(2025, 'final');
  expect(after.get(org.SH01)).not.toBe(final.get(org.SH01));
  expect(after.get(org.BJ01)).toBe(final.get(org.BJ01));
  expect((await stored(2025, 'final')).get(org.SH01)!.contributions.some((c) => c.recordExternalId === 'INC-PR-2025')).toBe(true);
  await expectAsFromScratch(at(14 * 60 + 1), 2025, 'final');
  // This year's ratings of SH01 include no 2025 incident: rated again or not, they stay as a whole rating gives.
  await expectAsFromScratch(at(14 * 60 + 1));
  expect((await ids()).get(org.BJ01)).toBe(provisional.get(org.BJ01));

  // Once published, 2025 is frozen: its final and published ratings stay as they are.
  await publishRatings(db, 2025, actor.userId, at(15 * 60));
  const published = await ids(2025, 'published');
  const frozen = await ids(2025, 'final');
  await incident('INC-PR-2025-B', 'BJ01', 15 * 60 + 1, '2025-10-03T10:00:00+08:00');
  await ratingsFollowWrites(db, at(15 * 60 + 2));
  expect(await ids(2025, 'published')).toEqual(published);
  expect(await ids(2025, 'final')).toEqual(frozen);
  expect(await ensureYearRatings(db, 2025, at(15 * 60 + 2))).toBe('published');
  // RATING.md §6: the interface flags a published rating whose recomputation would now differ; the flags
  // are kept by the same event, so the page reads them instead of rating the year again per view.
  expect(await publishedDrift(db, 2025)).toEqual(new Set([org.BJ01]));
});

it('the plan: records by institute, units everyone, anything else nobody (an allow-list)', () => {
  expect(refreshPlan([])).toEqual({ kind: 'none' });
  expect(
    refreshPlan([
      { kind: 'alert', instituteId: 4 },
      { kind: 'rating_year', instituteId: null },
    ]),
  ).toEqual({ kind: 'none' });
  expect(
    refreshPlan([
      { kind: 'hazards', instituteId: 6 },
      { kind: 'ethics-annual-reports', instituteId: 4 },
      { kind: 'incidents', instituteId: null },
    ]),
  ).toEqual({ kind: 'institutes', ids: [4, 6] });
  expect(
    refreshPlan([
      { kind: 'hazards', instituteId: 6 },
      { kind: 'units', instituteId: null },
    ]),
  ).toEqual({ kind: 'all' });
  // A new rule-set version is seen by the mark's version, not by its audit entry.
  for (const other of ['rule_set', 'alert_rule_set', 'settings', 'warning_list_entry', 'user', 'inspections'])
    expect(
      refreshPlan([
        { kind: 'hazards', instituteId: 6 },
        { kind: other, instituteId: 4 },
      ]),
      other,
    ).toEqual({ kind: 'institutes', ids: [6] });
});
