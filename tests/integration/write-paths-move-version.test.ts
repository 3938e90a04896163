import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { Db } from '@/db/tx';
import { rawGet } from '@/db/engine';
import { markAlertRead, markAllAlertsRead } from '@/db/alerts/alerts';
import { revokeApiToken } from '@/db/auth/auth';
import { setUserEmail } from '@/db/auth/users-email';
import { latestChanges } from '@/db/changes/latest-changes';
import { activeRatingRuleSet } from '@/db/rule-sets/rating-rule-sets';
import { ratingTableRows } from '@/db/rating/ratings';
import { ALL_UNITS, type Actor } from '@/domain/auth/actor';
import { createApiToken } from '@/features/auth/api-tokens';
import { logIn, logOut } from '@/features/auth/login';
import { changePassword } from '@/features/auth/change-password';
import { resolveActor } from '@/features/auth/resolve-actor';
import { acknowledgeAlert } from '@/features/alerts/acknowledge';
import { runAlerts } from '@/features/alerts/run-alerts';
import { defaultDeliveryRoutes, updateDeliveryRoutes } from '@/features/delivery/routes';
import { importSpreadsheet } from '@/features/import/import';
import { stageImport } from '@/features/import/staging';
import { ratingsFollowWrites } from '@/features/rating/follow-writes';
import { addWarningEntry, liftWarningEntry } from '@/features/rating/warning-list';
import { countsFingerprint, levelCounts, publishYear, recomputeYear } from '@/features/rating/year-ratings';
import { advanceIncident, withdrawRecord } from '@/features/records/workflow';
import { submitRecords } from '@/features/records/submit';
import { activateRuleSet, copyRuleSet, updateRuleSet } from '@/features/rule-sets/service';
import { submitUnits } from '@/features/units/submit-units';
import { incidentHeader, incidentXlsx } from '../setup/incident-sheet';
import { addUser, seedSmallOrg, TEST_PASSWORD } from '../setup/small-org';
import { createTestDb } from '../setup/test-db';

// Decision 047 row 8 and its consequence: "a write path that forgets appendAudit bypasses both the audit lock
// and the data version". Every write path of the product (the features that write: found by grepping
// `appendAudit(`, `storeRatings`, `storeAlerts` and the inserts and updates of features/ and db/), run once
// through its feature, must move the data version that kept pages and memoised aggregates follow
// (latestChanges, decision 020), and append to the audit chain where the product audits it. On both engines.
// Every workflow step and correction (submit, decide, rectify, verify, advance, conceal, accept, withdraw,
// start, major change, resume; propose, accept, refuse a correction) writes through one function,
// `step` (features/records/workflow-step.ts), which appends: two of them stand for all here.
// The writes that legitimately leave the version where it is are listed at the end, each with why.

// The "records changed" event that follows many writes (decision 045) stores ratings, which moves the version
// by itself: it is off here except where a case runs it, so that each write is seen to move the version in its
// own transaction (the follow may find nothing to re-rate, or hand it to the job thread and not wait).
const follow = vi.hoisted(() => ({ on: false }));
vi.mock('@/features/rating/follow-writes', async (original) => {
  const real = await original<typeof import('@/features/rating/follow-writes')>();
  return { ...real, ratingsFollowWrites: (db: Db, now?: Date) => (follow.on ? real.ratingsFollowWrites(db, now) : Promise.resolve()) };
});

const NOW = new Date('2026-06-01T12:00:00+08:00');
let db: Db;
let close: () => void;
let office: Actor;
let reporter: Actor;
let officeId: number;

const actorOf = async (userId: number) => (await resolveActor(db, { bearerToken: (await createApiToken(db, userId, 't')).token }))!;
beforeAll(async () => {
  ({ db, close } = await createTestDb());
  await seedSmallOrg(db);
  officeId = await addUser(db, 'wp.office', 'office', 'HX');
  office = await actorOf(officeId);
  reporter = await actorOf(await addUser(db, 'wp.reporter', 'reporter', 'BJ01'));
  follow.on = true;
  await ratingsFollowWrites(db, NOW);
  follow.on = false;
}, 120_000);
afterAll(() => close());

const auditCount = async () => (await rawGet<{ n: number }>(db, sql`SELECT count(*) AS n FROM audit_log`))!.n;

/** Runs `write` and answers how far it moved the data version and the audit chain. */
async function moved(write: () => Promise<unknown>): Promise<{ version: number; audit: number }> {
  const before = { version: (await latestChanges(db)).version, audit: await auditCount() };
  await write();
  return { version: (await latestChanges(db)).version - before.version, audit: (await auditCount()) - before.audit };
}

const incident = (externalId: string, over: Record<string, unknown> = {}) => ({
  externalId,
  unitCode: 'BJ01',
  domain: 'ai',
  dimension: 'data',
  tier: 3,
  occurredAt: '2026-05-30T10:00:00+08:00',
  reportedAt: '2026-05-30T10:30:00+08:00',
  ...over,
});
const submit = (actor: Actor, items: unknown[]) => submitRecords(db, actor, 'incidents', items, { now: NOW, source: 'api' });
const idOf = async (externalId: string) =>
  (await rawGet<{ id: number }>(db, sql`SELECT id FROM incidents WHERE external_id = ${externalId}`))!.id;

/** Audited write paths (and what each needs first): each moves the version and appends at least one entry. */
const audited: [string, () => Promise<unknown>, (() => Promise<unknown>)?][] = [
  ['records: submit (create)', () => submit(reporter, [incident('WP-1')])],
  ['records: submit (edit)', () => submit(reporter, [incident('WP-1', { summary: 'edited' })])],
  [
    'records: workflow step (incident under investigation)',
    async () => advanceIncident(db, reporter, await idOf('WP-1'), 'investigating', NOW),
  ],
  [
    'records: withdraw',
    async () => withdrawRecord(db, reporter, 'incidents', await idOf('WP-W'), 'duplicate', NOW),
    () => submit(reporter, [incident('WP-W')]),
  ],
  [
    'import: confirm (a stored spreadsheet)',
    async () =>
      importSpreadsheet(
        db,
        office,
        'incidents',
        await incidentXlsx(incidentHeader('externalId', 'unitCode', 'domain', 'dimension', 'tier', 'occurredAt', 'reportedAt'), [
          ['WP-IMP', 'SH01', 'ai', 'data', 3, '2026-05-30 10:00', '2026-05-30 10:30'],
        ]),
        'xlsx',
        { dryRun: false, now: NOW },
      ),
  ],
  ['units: create', () => submitUnits(db, office, [{ code: 'BJ03', name: 'WP institute', kind: 'institute', parentCode: 'BJ' }], NOW)],
  [
    'users: change password',
    () =>
      changePassword(
        db,
        officeId,
        { currentPassword: TEST_PASSWORD, newPassword: 'another-horse-battery', confirmPassword: 'another-horse-battery' },
        NOW,
      ),
  ],
  ['settings: delivery routes', () => updateDeliveryRoutes(db, officeId, { ...defaultDeliveryRoutes, roles: {} }, NOW)],
  ['rule sets: copy', async () => copyRuleSet(db, 'rating', office, (await activeRatingRuleSet(db)).version, 'wp-copy', NOW)],
  ['rule sets: edit', async () => updateRuleSet(db, 'rating', office, { ...(await activeRatingRuleSet(db)), version: 'wp-copy' }, NOW)],
  ['rule sets: activate', () => activateRuleSet(db, 'rating', office, 'wp-copy', NOW)],
  [
    'ratings: recompute a past year',
    () => recomputeYear(db, office, 2025, NOW),
    () => submit(reporter, [incident('WP-2025', { occurredAt: '2025-05-30T10:00:00+08:00', reportedAt: '2025-05-30T10:30:00+08:00' })]),
  ],
  [
    'ratings: publish',
    async () => publishYear(db, office, 2025, countsFingerprint(levelCounts(await ratingTableRows(db, ALL_UNITS, 2025, 'final'))), NOW),
  ],
  ['warning list: add', () => addWarningEntry(db, office, { unitCode: 'SH01', reason: 'wp' }, NOW)],
  [
    'warning list: lift',
    async () =>
      liftWarningEntry(db, office, (await rawGet<{ id: number }>(db, sql`SELECT max(id) AS id FROM warning_list_entries`))!.id, NOW),
  ],
  [
    'alerts: acknowledge',
    async () => acknowledgeAlert(db, office, (await rawGet<{ id: number }>(db, sql`SELECT min(id) AS id FROM alerts`))!.id, 'seen', NOW),
  ],
];

for (const [name, write, first] of audited)
  it(`${name}: moves the data version and appends to the audit log`, async () => {
    await first?.();
    const m = await moved(write);
    expect(m.audit).toBeGreaterThan(0);
    expect(m.version).toBeGreaterThan(0);
  }, 60_000);

// Writes the product does not audit, because no person made them: the machine's own derived data. They
// still move the version, since kept pages show them.
it('ratings: the follow after a write stores ratings and moves the version, unaudited', async () => {
  await submit(reporter, [incident('WP-FOLLOW', { tier: 1 })]);
  follow.on = true;
  const m = await moved(() => ratingsFollowWrites(db, NOW)).finally(() => (follow.on = false));
  expect(m).toEqual({ version: expect.any(Number), audit: 0 });
  expect(m.version).toBeGreaterThan(0);
}, 60_000);

it('alerts: the alert job stores new alerts and moves the version, unaudited; with nothing new it moves nothing', async () => {
  const later = new Date(NOW.getTime() + 40 * 86_400_000);
  const m = await moved(() => runAlerts(db, { now: later }));
  expect(m.audit).toBe(0);
  expect(m.version).toBeGreaterThan(0);
  expect(await moved(() => runAlerts(db, { now: later }))).toEqual({ version: 0, audit: 0 });
}, 60_000);

// Writes that leave the version alone, legitimately: nothing a kept page or a memoised aggregate shows
// changed. The cached pages (server/page-cache/policy.ts) and the dashboards' aggregates read records,
// ratings, alerts and units, and depend on the viewer only by role and unit, never on who they are.
it('a resend that changes nothing writes nothing: no audit entry, no new version', async () => {
  expect(await moved(() => submit(reporter, [incident('WP-1', { summary: 'edited' })]))).toEqual({ version: 0, audit: 0 });
});

it('accounts, sign-in, API tokens, e-mail addresses and alerts read: none on a kept page or aggregate, so no new version', async () => {
  // Kept pages depend on the viewer only by role and unit (policy.ts), the header's name and unread count
  // are fetched apart; the product audits none of these (the password change above it does).
  const none = { version: 0, audit: 0 };
  expect(await moved(() => addUser(db, 'wp.new', 'reporter', 'SH01'))).toEqual(none);
  const token = await createApiToken(db, officeId, 'another');
  expect(await moved(() => createApiToken(db, officeId, 'yet another'))).toEqual(none);
  expect(await moved(() => revokeApiToken(db, token.id, NOW))).toEqual(none);
  expect(await moved(() => setUserEmail(db, 'wp.new', 'wp@example.org'))).toEqual(none);
  let session: string | undefined;
  expect(
    await moved(async () => {
      const r = await logIn(db, { login: 'wp.new', password: TEST_PASSWORD, ip: '127.0.0.1' }, NOW);
      if (r.ok) session = r.sessionToken;
    }),
  ).toEqual(none);
  expect(session).toBeTruthy();
  expect(await moved(() => logOut(db, session!))).toEqual(none);
  const alertId = (await rawGet<{ id: number }>(db, sql`SELECT max(id) AS id FROM alerts`))!.id;
  expect(await moved(() => markAlertRead(db, officeId, alertId, NOW))).toEqual(none);
  expect(await moved(() => markAllAlertsRead(db, office, NOW))).toEqual(none);
});

it('a staged upload (before its confirmation): kept for its owner only, shown on no kept page, so no new version', async () => {
  const file = Buffer.from('externalId\nWP-STAGED\n');
  expect(
    await moved(() => stageImport(db, file, { userId: officeId, kind: 'incidents', format: 'csv', name: 'a.csv' }, undefined, NOW)),
  ).toEqual({
    version: 0,
    audit: 0,
  });
});
