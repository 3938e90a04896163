import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { serverDbFile } from '../setup/server-db-file';
import type { Actor } from '@/domain/auth/actor';
import type { Locale } from '@/domain/i18n/locales';

// The office's actions behind the ratings pages, through the real server actions (safeAction: role, form
// validation, field errors in the reader's language) on a real migrated SQLite file. Only who is asking and
// in which language are stubbed, as a request's cookies would give them.
const server = serverDbFile('fenghuo-ratings-ui-', 'ratings-ui.db');

const who = vi.hoisted(() => ({ actor: null as Actor | null, locale: 'en' as Locale }));
vi.mock('@/server/auth/current-actor', () => ({ currentActor: async () => who.actor, requireActor: async () => who.actor }));
vi.mock('next-intl/server', () => ({ getLocale: async () => who.locale }));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const { getDb } = await import('@/db/client');
const { rawAll, rawGet } = await import('@/db/engine');
const { sql } = await import('drizzle-orm');
const { migrateDatabase } = await import('@/db/migrate');
const { ensureReferenceData } = await import('@/db/reference/reference');
const { seedSmallOrg, addUser } = await import('../setup/small-org');
const { resolveActor } = await import('@/features/auth/resolve-actor');
const { createApiToken } = await import('@/features/auth/api-tokens');
const { submitRecords } = await import('@/features/records/submit');
const { storedRatings } = await import('@/db/rating/ratings');
const { activeRatingRuleSet, ratingRuleSetByVersion } = await import('@/db/rule-sets/rating-rule-sets');
const { listWarningEntries } = await import('@/db/rating/warning-list');
const { confirmWarningEntry, addWarningEntry } = await import('@/features/rating/warning-list');
const { ensureYearRatings, levelCounts, countsFingerprint } = await import('@/features/rating/year-ratings');
const { refreshProvisionalRatings } = await import('@/features/rating/refresh');
const { recheckStoredRating } = await import('@/features/rating/recheck');
const { ruleSetFormValues } = await import('@/domain/rule-sets/rating-texts');
const { CAS_2019_V1 } = await import('@/domain/rating/default-rule-set');
const { ALL_UNITS } = await import('@/domain/auth/actor');
const { shanghaiYear } = await import('@/domain/time/shanghai');
const { publishYearAction } = await import('@/server/actions/ratings');
const { copyRuleSetAction, updateRuleSetAction, activateRuleSetAction } = await import('@/server/actions/rule-sets');
const { confirmEntryAction, liftEntryAction, addEntryAction } = await import('@/server/actions/warning-list');

const db = getDb();
const now = new Date();
const THIS_YEAR = shanghaiYear(now);
const LAST_YEAR = THIS_YEAR - 1;
const actors = {} as Record<'office' | 'leader' | 'bj' | 'bj01' | 'sh01', Actor>;
let bj01Incident: string;

function form(values: Record<string, string | number>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) f.set(k, String(v));
  return f;
}

async function as<T>(
  actor: Actor,
  action: (prev: null, f: FormData) => Promise<T>,
  values: Record<string, string | number>,
  locale: Locale = 'en',
) {
  who.actor = actor;
  who.locale = locale;
  return action(null, form(values));
}

/** An AI loss incident of last year (times are "MM-DDTHH:mm" in Beijing), submitted by the office as through the API. */
const reportIncident = (i: { externalId: string; unitCode: string; tier: number; at: string; reportedAt: string }, when: Date) =>
  submitRecords(
    db,
    actors.office,
    'incidents',
    [
      {
        externalId: i.externalId,
        unitCode: i.unitCode,
        domain: 'ai',
        dimension: 'loss',
        tier: i.tier,
        occurredAt: `${LAST_YEAR}-${i.at}:00+08:00`,
        reportedAt: `${LAST_YEAR}-${i.reportedAt}:00+08:00`,
      },
    ],
    { now: when, source: 'api' },
  );

const auditActions = async (entityKind: string) =>
  (await rawAll<{ action: string }>(db, sql`SELECT action FROM audit_log WHERE entity_kind = ${entityKind} ORDER BY id`)).map(
    (r) => r.action,
  );

beforeAll(async () => {
  await migrateDatabase(db);
  await ensureReferenceData(db);
  const ids = await seedSmallOrg(db, new Date(`${LAST_YEAR}-03-04T09:30:00+08:00`));
  const actorOf = async (login: string, role: Parameters<typeof addUser>[2], unit: string) =>
    (await resolveActor(db, { bearerToken: (await createApiToken(db, await addUser(db, login, role, unit), 't')).token }))!;
  actors.office = await actorOf('u.office', 'office', 'HX');
  actors.leader = await actorOf('u.leader', 'leader', 'HX');
  actors.bj = await actorOf('u.bj', 'branch_officer', 'BJ');
  actors.bj01 = await actorOf('u.bj01', 'reporter', 'BJ01');
  actors.sh01 = await actorOf('u.sh01', 'unit_manager', 'SH01');
  bj01Incident = (await rawGet<{ v: string }>(db, sql`SELECT external_id AS v FROM incidents WHERE id = ${ids.incidents.BJ01}`))!.v;
  // A tier II incident makes SH01 red last year, so publishing proposes it for the warning list.
  await reportIncident({ externalId: 'INC-SH01-RED', unitCode: 'SH01', tier: 2, at: '05-01T10:00', reportedAt: '05-01T10:30' }, now);
  // What the daily job does at start (reads never rate, decision 045): last year gets its final ratings,
  // this year its provisional ones.
  await refreshProvisionalRatings(db, now);
});
afterAll(() => {
  db.close();
  server.remove();
});

describe('publishing last year', () => {
  it('reads the stored final ratings, and publishes them only with the counts the office confirmed', async () => {
    expect(await ensureYearRatings(db, LAST_YEAR, now)).toBe('final');
    const finals = await storedRatings(db, ALL_UNITS, LAST_YEAR, 'final');
    expect(finals.map((r) => r.unitCode)).toEqual(['BJ01', 'BJ02', 'SH01']);
    const expected = countsFingerprint(levelCounts(finals));

    expect(await as(actors.bj, publishYearAction, { year: LAST_YEAR, expected })).toMatchObject({
      ok: false,
      error: 'Your role may not do this.',
    });
    expect(await as(actors.office, publishYearAction, { year: LAST_YEAR, expected: 'blue:3,yellow:0,orange:0,red:0' })).toMatchObject({
      ok: false,
      fieldErrors: { year: 'the ratings changed after you opened the page; reload it and check them before publishing.' },
    });
    expect(await as(actors.office, publishYearAction, { year: THIS_YEAR, expected }, 'zh-CN')).toMatchObject({
      ok: false,
      fieldErrors: { year: '只能处理已结束的年度。' },
    });

    const done = await as(actors.office, publishYearAction, { year: LAST_YEAR, expected });
    expect(done).toMatchObject({ ok: true, data: { published: 3, proposed: 1 } });
    expect(await ensureYearRatings(db, LAST_YEAR, now)).toBe('published');
    expect(await auditActions('rating_year')).toEqual(['ratings.publish']);
    expect(await as(actors.office, publishYearAction, { year: LAST_YEAR, expected })).toMatchObject({
      ok: false,
      fieldErrors: { year: `the ${LAST_YEAR} ratings are already published and frozen.` },
    });
  });
});

describe('the warning list', () => {
  it('holds the proposal of the red rating, audited as proposed by the publisher', async () => {
    const [entry] = await listWarningEntries(db, ALL_UNITS);
    expect(entry).toMatchObject({ unitCode: 'SH01', status: 'proposed', ratingYear: LAST_YEAR, createdBy: 'u.office' });
    expect(await auditActions('warning_list_entry')).toEqual(['warning_list.propose']);
  });

  it('lets only the office confirm, add and lift, each audited, and never deletes', async () => {
    const id = (await listWarningEntries(db, ALL_UNITS))[0]!.id;
    for (const actor of [actors.leader, actors.bj, actors.bj01, actors.sh01]) {
      expect(await as(actor, confirmEntryAction, { id })).toMatchObject({ ok: false, error: 'Your role may not do this.' });
      expect(await as(actor, addEntryAction, { unitCode: 'BJ01', reason: 'test' })).toMatchObject({ ok: false });
      expect(await as(actor, liftEntryAction, { id })).toMatchObject({ ok: false });
      // The domain functions refuse too, whoever calls them.
      await expect(confirmWarningEntry(db, actor, id, now)).rejects.toThrow(/only the academy safety office/);
    }
    expect((await listWarningEntries(db, ALL_UNITS))[0]!.status).toBe('proposed');

    expect(await as(actors.office, confirmEntryAction, { id })).toMatchObject({ ok: true });
    expect((await listWarningEntries(db, ALL_UNITS))[0]).toMatchObject({ status: 'confirmed', confirmedBy: 'u.office' });
    expect(await as(actors.office, confirmEntryAction, { id })).toMatchObject({
      ok: false,
      fieldErrors: { id: 'only a proposed entry can be confirmed.' },
    });

    expect(await as(actors.office, addEntryAction, { unitCode: 'BJ01', personName: '张三', reason: '' }, 'zh-CN')).toMatchObject({
      ok: false,
      fieldErrors: { reason: '必填。' },
    });
    expect(await as(actors.office, addEntryAction, { unitCode: 'BJ', reason: '分院' })).toMatchObject({
      ok: false,
      fieldErrors: { unitCode: 'unit BJ is not an institute or a department.' },
    });
    const added = await as(actors.office, addEntryAction, { unitCode: 'BJ01-D1', personName: '张三', reason: '瞒报事件的责任人' });
    expect(added).toMatchObject({ ok: true });
    const person = (await listWarningEntries(db, ALL_UNITS)).find((e) => e.personName === '张三')!;
    expect(person).toMatchObject({ unitCode: 'BJ01-D1', status: 'confirmed', reason: '瞒报事件的责任人', createdBy: 'u.office' });

    expect(await as(actors.office, liftEntryAction, { id: person.id })).toMatchObject({ ok: true });
    expect(await as(actors.office, liftEntryAction, { id: person.id })).toMatchObject({
      ok: false,
      fieldErrors: { id: 'this entry is already lifted.' },
    });
    expect((await listWarningEntries(db, ALL_UNITS)).find((e) => e.id === person.id)).toMatchObject({
      status: 'lifted',
      liftedBy: 'u.office',
    });
    expect(await rawGet(db, sql`SELECT count(*) AS n FROM warning_list_entries`)).toEqual({ n: 2 });
    expect(await auditActions('warning_list_entry')).toEqual([
      'warning_list.propose',
      'warning_list.confirm',
      'warning_list.add',
      'warning_list.lift',
    ]);
  });

  it('refuses a change to an entry outside the caller’s scope and shows each role only its scope', async () => {
    // Office roles are academy-wide today; the scope check still guards the write if one ever is not.
    const narrowOffice: Actor = { ...actors.office, scope: actors.bj.scope };
    const sh01Entry = (await listWarningEntries(db, ALL_UNITS)).find((e) => e.unitCode === 'SH01')!;
    await expect(confirmWarningEntry(db, narrowOffice, sh01Entry.id, now)).rejects.toThrow(/SH01 is outside your scope/);
    await expect(addWarningEntry(db, narrowOffice, { unitCode: 'SH01', reason: 'x' }, now)).rejects.toThrow(/SH01 is outside your scope/);
    expect((await listWarningEntries(db, actors.bj01.scope)).map((e) => e.unitCode)).toEqual(['BJ01-D1']);
    expect((await listWarningEntries(db, actors.sh01.scope)).map((e) => e.unitCode)).toEqual(['SH01']);
    expect((await listWarningEntries(db, actors.bj.scope)).map((e) => e.unitCode)).toEqual(['BJ01-D1']);
  });
});

describe('a published rating is frozen, and says when its recomputation would now differ', () => {
  it('matches its recomputation until a record behind it changes', async () => {
    const published = async () => (await storedRatings(db, ALL_UNITS, LAST_YEAR, 'published')).find((r) => r.unitCode === 'BJ01')!;
    const before = await published();
    expect((await recheckStoredRating(db, before)).difference).toBeNull();

    // The institute's incident is re-reported as tier I: recomputed, BJ01 would be red.
    await reportIncident({ externalId: bj01Incident, unitCode: 'BJ01', tier: 1, at: '03-04T09:30', reportedAt: '03-04T10:00' }, new Date());
    const after = await published();
    expect([after.level, after.points]).toEqual([before.level, before.points]);
    const { difference } = await recheckStoredRating(db, after);
    expect(difference).not.toBeNull();
    expect(difference!.level).toEqual({ now: 'red', then: before.level });
    expect(difference!.points!.now).toBeGreaterThan(before.points);
    expect(difference!.added.map((c) => [c.rule, c.externalId])).toContainEqual(['incident.tier1', bj01Incident]);
    expect(difference!.removed.map((c) => c.rule)).toContain('incident.tier4');
  });
});

describe('rule sets: copy, edit, activate', () => {
  it('copies a version to a new name, refusing a taken or malformed one', async () => {
    expect(await as(actors.leader, copyRuleSetAction, { from: 'cas-2019-v1', version: 'hx-v2' })).toMatchObject({ ok: false });
    expect(await as(actors.office, copyRuleSetAction, { from: 'cas-2019-v1', version: 'hx v2' })).toMatchObject({
      ok: false,
      fieldErrors: { version: expect.stringContaining('may hold letters, digits') },
    });
    expect(await as(actors.office, copyRuleSetAction, { from: 'nope', version: 'hx-v2' })).toMatchObject({
      ok: false,
      fieldErrors: { from: 'there is no version nope.' },
    });
    expect(await as(actors.office, copyRuleSetAction, { from: 'cas-2019-v1', version: 'hx-v2' })).toMatchObject({
      ok: true,
      data: { version: 'hx-v2' },
    });
    expect(await as(actors.office, copyRuleSetAction, { from: 'cas-2019-v1', version: 'hx-v2' }, 'zh-CN')).toMatchObject({
      ok: false,
      fieldErrors: { version: '版本 hx-v2 已存在。' },
    });
    expect(await ratingRuleSetByVersion(db, 'hx-v2')).toEqual({ ...CAS_2019_V1, version: 'hx-v2' });
  });

  it('refuses invalid numbers field by field, in the reader’s language', async () => {
    const values = { ...ruleSetFormValues({ ...CAS_2019_V1, version: 'hx-v2' }) };
    const bad = {
      ...values,
      'incidents.tierPoints.III': 'abc',
      'incidents.latePoints': '-1',
      'hazards.majorOverdueFloorDays': '',
      'ethics.annualReportDue.month': '13',
      'floors.incident.tier3': 'purple',
    };
    const en = await as(actors.office, updateRuleSetAction, bad);
    expect(en).toMatchObject({ ok: false, error: 'Please correct the marked fields and try again.' });
    expect(!en.ok && en.fieldErrors).toEqual({
      'incidents.tierPoints.III': 'must be a whole number.',
      'incidents.latePoints': 'must be at least 0.',
      'hazards.majorOverdueFloorDays': 'is required.',
      'ethics.annualReportDue.month': 'must be at most 12.',
      'floors.incident.tier3': '"purple" is not one of blue, yellow, orange, red.',
    });
    // Once each number is valid on its own, the checks across numbers name the field and its bound.
    const crossed = await as(actors.office, updateRuleSetAction, {
      ...values,
      'levelThresholds.orange': '5',
      'levelThresholds.red': '5',
      'incidents.tierThresholds.II.deaths': '40',
      'incidents.tierPoints.IV': '60',
      'ethics.annualReportDue.month': '2',
      'ethics.annualReportDue.day': '29',
    });
    expect(!crossed.ok && crossed.fieldErrors).toEqual({
      'levelThresholds.orange': 'must be above the yellow threshold (10).',
      'levelThresholds.red': 'must be above the orange threshold (5).',
      'incidents.tierThresholds.II.deaths': "must be below tier I's threshold (30).",
      'incidents.tierPoints.IV': "must not exceed tier III's points (20).",
      'ethics.annualReportDue.day': 'that month has no such day (29 February is refused too).',
    });
    const zh = await as(actors.office, updateRuleSetAction, { ...values, 'levelThresholds.orange': '5' }, 'zh-CN');
    expect(!zh.ok && zh.fieldErrors).toEqual({ 'levelThresholds.orange': '必须大于黄色起始分数（10）。' });
    expect(await ratingRuleSetByVersion(db, 'hx-v2')).toEqual({ ...CAS_2019_V1, version: 'hx-v2' });
  });

  it('saves valid numbers to the copy but never to a version in use', async () => {
    const values = ruleSetFormValues({ ...CAS_2019_V1, version: 'hx-v2' });
    const saved = await as(actors.office, updateRuleSetAction, {
      ...values,
      'incidents.tierPoints.III': '30',
      'floors.incident.concealed': 'none',
    });
    expect(saved).toMatchObject({ ok: true, data: { version: 'hx-v2' } });
    const v2 = (await ratingRuleSetByVersion(db, 'hx-v2'))!;
    expect(v2.incidents.tierPoints.III).toBe(30);
    expect(v2.floors['incident.concealed']).toBeNull();
    expect(await as(actors.office, updateRuleSetAction, ruleSetFormValues(CAS_2019_V1))).toMatchObject({
      ok: false,
      fieldErrors: { version: 'version cas-2019-v1 is active or used by ratings and cannot change; copy it to a new version.' },
    });
    expect(await as(actors.bj, updateRuleSetAction, values)).toMatchObject({ ok: false, error: 'Your role may not do this.' });
  });

  it('activates a version: new ratings use it, stored ones keep theirs', async () => {
    await ensureYearRatings(db, THIS_YEAR, now);
    expect((await storedRatings(db, ALL_UNITS, THIS_YEAR, 'provisional')).every((r) => r.ruleSetVersion === 'cas-2019-v1')).toBe(true);
    expect(await as(actors.leader, activateRuleSetAction, { version: 'hx-v2' })).toMatchObject({ ok: false });
    expect((await activeRatingRuleSet(db)).version).toBe('cas-2019-v1');

    expect(await as(actors.office, activateRuleSetAction, { version: 'hx-v2' })).toMatchObject({ ok: true });
    expect((await activeRatingRuleSet(db)).version).toBe('hx-v2');
    expect(await as(actors.office, activateRuleSetAction, { version: 'hx-v2' })).toMatchObject({
      ok: false,
      fieldErrors: { version: 'version hx-v2 is already active.' },
    });
    // Published and final ratings keep the version they were computed with.
    expect((await storedRatings(db, ALL_UNITS, LAST_YEAR, 'published')).every((r) => r.ruleSetVersion === 'cas-2019-v1')).toBe(true);
    expect((await storedRatings(db, ALL_UNITS, LAST_YEAR, 'final')).every((r) => r.ruleSetVersion === 'cas-2019-v1')).toBe(true);
    // This year's provisional ratings follow: activation re-rates once it has committed (issue 15).
    await ensureYearRatings(db, THIS_YEAR, new Date(now.getTime() + 1000));
    expect((await storedRatings(db, ALL_UNITS, THIS_YEAR, 'provisional')).every((r) => r.ruleSetVersion === 'hx-v2')).toBe(true);
    // An active version is locked; the old one can be activated again.
    expect(await as(actors.office, updateRuleSetAction, ruleSetFormValues((await ratingRuleSetByVersion(db, 'hx-v2'))!))).toMatchObject({
      ok: false,
    });
    expect(await as(actors.office, activateRuleSetAction, { version: 'cas-2019-v1' })).toMatchObject({ ok: true });
    expect((await activeRatingRuleSet(db)).version).toBe('cas-2019-v1');
    expect(await auditActions('rule_set')).toEqual(['rule_set.copy', 'rule_set.update', 'rule_set.activate', 'rule_set.activate']);
  });
});
