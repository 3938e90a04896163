import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { appendAudit } from '@/db/audit/audit-log';
import { storedRatings } from '@/db/rating/ratings';
import { activeRatingRuleSet } from '@/db/rule-sets/rating-rule-sets';
import { ALL_UNITS } from '@/domain/auth/actor';
import { createApiToken } from '@/features/auth/api-tokens';
import { resolveActor } from '@/features/auth/resolve-actor';
import { submitRecords } from '@/features/records/submit';
import { evaluationInstant } from '@/domain/rating/evaluate';
import { rateInstitutes } from '@/features/rating/rate-institutes';
import { refreshProvisionalRatings } from '@/features/rating/refresh';
import { refreshPlan } from '@/features/rating/refresh-plan';
import { createTestDb } from '../setup/test-db';
import { addUser, org, seedSmallOrg } from '../setup/small-org';

// Provisional ratings after a change (decision 022): only the institutes whose records were written are
// rated again, and what is stored then equals rating everyone from scratch.

let db: Db;
let close: () => void;
let actor: NonNullable<ReturnType<typeof resolveActor>>;
const t0 = new Date('2026-06-01T12:00:00+08:00');
beforeAll(async () => {
  ({ db, close } = createTestDb());
  await seedSmallOrg(db);
  actor = resolveActor(db, { bearerToken: createApiToken(db, await addUser(db, 'pr.office', 'office', 'HX'), 't').token })!;
});
afterAll(() => close());

const stored = () => new Map(storedRatings(db, ALL_UNITS, 2026, 'provisional').map((r) => [r.instituteId, r]));
const ids = () => new Map([...stored()].map(([institute, r]) => [institute, r.id]));
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

function incident(externalId: string, unitCode: string, minutes: number) {
  submitRecords(
    db,
    actor,
    'incidents',
    [
      {
        externalId,
        unitCode,
        domain: 'ai',
        dimension: 'data',
        tier: 2,
        occurredAt: '2026-05-30T10:00:00+08:00',
        reportedAt: '2026-05-30T10:30:00+08:00',
      },
    ],
    { now: at(minutes), source: 'api' },
  );
}

/** What rating every institute from scratch at `now` gives, as stored rows show it. */
function fromScratch(now: Date) {
  const results = rateInstitutes(db, activeRatingRuleSet(db), 2026, { asOf: evaluationInstant(2026, now) });
  return new Map(
    results.map((r) => [r.institute.id, { level: r.rating.level, points: r.rating.points, n: r.rating.contributions.length }]),
  );
}

it('after a write, rates again only the institute it belongs to, and stores what a whole rating would', () => {
  expect(refreshProvisionalRatings(db, t0)).toBe(true);
  expect(refreshProvisionalRatings(db, at(1))).toBe(false);
  const before = ids();
  expect(before.size).toBe(3);

  // Filed by a department of BJ01: BJ01 is rated again, nobody else.
  incident('INC-PR-1', 'BJ01-D1', 2);
  expect(refreshProvisionalRatings(db, at(3))).toBe(true);
  const after = ids();
  expect(after.get(org.BJ01)).not.toBe(before.get(org.BJ01));
  expect(after.get(org.BJ02)).toBe(before.get(org.BJ02));
  expect(after.get(org.SH01)).toBe(before.get(org.SH01));
  const bj01 = stored().get(org.BJ01)!;
  expect(bj01.level).toBe('red');
  expect(bj01.contributions.some((c) => c.recordExternalId === 'INC-PR-1')).toBe(true);

  const whole = fromScratch(at(3));
  for (const [institute, r] of stored()) {
    expect({ level: r.level, points: r.points, n: r.contributions.length }, `institute ${institute}`).toEqual(whole.get(institute));
  }
  expect(refreshProvisionalRatings(db, at(4))).toBe(false);
});

it('writes to two institutes rate both again; an alert acknowledged rates nobody', () => {
  const before = ids();
  incident('INC-PR-2', 'SH01', 5);
  incident('INC-PR-3', 'BJ02', 5);
  expect(refreshProvisionalRatings(db, at(6))).toBe(true);
  const after = ids();
  expect(after.get(org.SH01)).not.toBe(before.get(org.SH01));
  expect(after.get(org.BJ02)).not.toBe(before.get(org.BJ02));
  expect(after.get(org.BJ01)).toBe(before.get(org.BJ01));

  appendAudit(
    db,
    [{ actorUserId: null, action: 'alert.acknowledge', entityKind: 'alert', entityId: 1, unitId: org.SH01, before: null, after: null }],
    at(7),
  );
  expect(refreshProvisionalRatings(db, at(8))).toBe(false);
  expect(ids()).toEqual(after);
});

it('a change that is not a record (a unit moved) rates everyone again, as does the next Beijing day', () => {
  let before = ids();
  appendAudit(
    db,
    [
      {
        actorUserId: null,
        action: 'units.move',
        entityKind: 'units',
        entityId: org.BJ01_D1,
        unitId: org.BJ01_D1,
        before: null,
        after: null,
      },
    ],
    at(9),
  );
  expect(refreshProvisionalRatings(db, at(10))).toBe(true);
  for (const [institute, id] of ids()) expect(id, `institute ${institute}`).not.toBe(before.get(institute));

  before = ids();
  // The whole rating is per Beijing calendar day: 23:50 is still today, 00:05 is tomorrow.
  expect(refreshProvisionalRatings(db, at(11 * 60 + 50))).toBe(false);
  expect(refreshProvisionalRatings(db, at(12 * 60 + 5))).toBe(true);
  for (const [institute, id] of ids()) expect(id, `institute ${institute}`).not.toBe(before.get(institute));
});

it('the plan: records by institute, alerts and publishing nothing, anything else everyone', () => {
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
  for (const other of ['units', 'rule_set', 'settings', 'warning_list_entry', 'users'])
    expect(
      refreshPlan([
        { kind: 'hazards', instituteId: 6 },
        { kind: other, instituteId: null },
      ]),
      other,
    ).toEqual({ kind: 'all' });
});
