import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import type { Actor } from '@/domain/auth/actor';
import { createApiToken } from '@/features/auth/api-tokens';
import { resolveActor } from '@/features/auth/resolve-actor';
import { ALL_UNITS } from '@/domain/auth/actor';
import { verifyAuditChain } from '@/db/audit/audit-log';
import { correctionsOfRecord, pendingCorrections } from '@/db/records/corrections';
import { ratingTableRows } from '@/db/rating/ratings';
import { ensureYearRatings } from '@/features/rating/year-ratings';
import { submitRecords } from '@/features/records/submit';
import { acceptCorrection, proposeCorrection, refuseCorrection } from '@/features/records/corrections';
import { acceptEthicsRecord, advanceIncident, setIncidentConcealed, withdrawRecord, WorkflowRefused } from '@/features/records/workflow';
import { ratingsFollowWrites } from '@/features/rating/follow-writes';
import { sqlAll, sqlOne } from './record-sql';
import { createTestDb } from '../setup/test-db';
import { addUser, seedSmallOrg } from '../setup/small-org';
import * as fx from '../setup/seal-fixtures';

// Corrections of sealed records (decision 023): the unit proposes, a reviewer of the seal's level who is
// not the proposer accepts (the record changes through submitRecords, audited, and the rating follows) or
// refuses (nothing changes); stale proposals, other institutes and review fields are refused.
let db: Db;
let close: () => void;
const p = {} as Record<'reporter' | 'manager' | 'office' | 'shManager', Actor>;
const YEAR = 2026;

async function refusal(run: () => Promise<unknown>): Promise<{ reason: string; keys: string[] }> {
  try {
    await run();
  } catch (error) {
    if (error instanceof WorkflowRefused) return { reason: error.reason, keys: error.problems.map((x) => x.key) };
    throw error;
  }
  throw new Error('expected a refusal');
}
const one = <T>(text: string, ...params: unknown[]) => sqlOne<T>(db, text, ...params);
async function bj01() {
  // Records filed here through submitRecords directly: the ratings follow as after any committed write.
  await ratingsFollowWrites(db, new Date());
  await ensureYearRatings(db, YEAR, new Date());
  const r = (await ratingTableRows(db, ALL_UNITS, YEAR, 'provisional')).find((x) => x.unitCode === 'BJ01')!;
  return { level: r.level, points: r.points };
}
/** A tier II incident of BJ01, closed by its manager (and marked concealed by the office if asked). */
async function closedIncident(concealed = false) {
  const item = fx.fixture('incidents', 'before');
  const id = (await submitRecords(db, p.reporter, 'incidents', [item], { now: new Date(), source: 'api' })).ids[0]!;
  await advanceIncident(db, p.reporter, id, 'investigating', new Date());
  await advanceIncident(db, p.manager, id, 'closed', new Date());
  if (concealed) await setIncidentConcealed(db, p.office, id, true, new Date());
  return { id, item: { ...item, status: 'closed', concealed } };
}
const tierOf = async (id: number) => (await one<{ tier: number }>('SELECT tier FROM incidents WHERE id = ?', id)).tier;

beforeAll(async () => {
  ({ db, close } = await createTestDb());
  await seedSmallOrg(db);
  for (const [key, role, unit] of [
    ['reporter', 'reporter', 'BJ01'],
    ['manager', 'unit_manager', 'BJ01'],
    ['office', 'office', 'HX'],
    ['shManager', 'unit_manager', 'SH01'],
  ] as const)
    p[key] = (await resolveActor(db, { bearerToken: (await createApiToken(db, await addUser(db, `cor.${key}`, role, unit), 't')).token }))!;
});
afterAll(() => close());

describe('a correction of a closed incident', () => {
  it('proposed by the reporter, accepted by the unit manager: the tier changes, audited before and after, and the rating follows', async () => {
    const { id, item } = await closedIncident();
    const rating = await bj01();
    const cid = await proposeCorrection(
      db,
      p.reporter,
      'incidents',
      id,
      { item: { ...item, tier: 3 }, reason: '复核后确认为较大事件' },
      new Date(),
    );
    expect(await tierOf(id)).toBe(2);
    expect(await bj01()).toEqual(rating);
    expect((await pendingCorrections(db, p.manager.scope)).map((c) => c.id)).toContain(cid);
    expect(await pendingCorrections(db, p.shManager.scope)).toEqual([]);
    expect((await correctionsOfRecord(db, p.reporter.scope, 'incidents', id))[0]).toMatchObject({
      status: 'proposed',
      changes: { tier: { from: 2, to: 3 } },
      reason: '复核后确认为较大事件',
    });

    await acceptCorrection(db, p.manager, cid, '同意', new Date());
    expect(await tierOf(id)).toBe(3);
    expect((await bj01()).points).toBe(rating.points - 30);
    const entries = await sqlAll<{ action: string; before: string; after: string }>(
      db,
      "SELECT action, before, after FROM audit_log WHERE entity_kind = 'incidents' AND entity_id = ? ORDER BY id",
      id,
    );
    const update = entries.find((e) => e.action === 'incidents.update')!;
    expect(JSON.parse(update.before)).toEqual({ tier: 2 });
    expect(JSON.parse(update.after)).toMatchObject({ tier: 3, source: 'correction', correctionId: cid });
    expect(entries.map((e) => e.action)).toEqual(expect.arrayContaining(['incidents.correction_propose', 'incidents.correction_accept']));
    expect((await correctionsOfRecord(db, p.reporter.scope, 'incidents', id))[0]).toMatchObject({
      status: 'accepted',
      decisionComment: '同意',
    });
    expect((await verifyAuditChain(db)).ok).toBe(true);
    // Decided once: a second decision is refused.
    expect((await refusal(() => acceptCorrection(db, p.office, cid, null, new Date()))).keys).toEqual(['seal.alreadyDecided']);
  });

  it('refused with a comment: nothing changes but the correction, and the refusal is audited', async () => {
    const { id, item } = await closedIncident();
    const cid = await proposeCorrection(db, p.reporter, 'incidents', id, { item: { ...item, tier: 4 }, reason: '损失较小' }, new Date());
    const before = await one('SELECT * FROM incidents WHERE id = ?', id);
    expect((await refusal(() => refuseCorrection(db, p.manager, cid, '  ', new Date()))).keys).toEqual(['validation.commentRequired']);
    await refuseCorrection(db, p.manager, cid, '与调查结论不符', new Date());
    expect(await one('SELECT * FROM incidents WHERE id = ?', id)).toEqual(before);
    expect((await correctionsOfRecord(db, p.reporter.scope, 'incidents', id))[0]).toMatchObject({
      status: 'refused',
      decisionComment: '与调查结论不符',
    });
    expect(
      (await one<{ n: number }>("SELECT count(*) AS n FROM audit_log WHERE action = 'incidents.correction_refuse' AND entity_id = ?", id))
        .n,
    ).toBe(1);
  });

  it('the proposer cannot decide its own correction; another reviewer can', async () => {
    const { id, item } = await closedIncident();
    const cid = await proposeCorrection(
      db,
      p.manager,
      'incidents',
      id,
      { item: { ...item, summary: '补充' }, reason: '补充经过' },
      new Date(),
    );
    expect(await refusal(() => acceptCorrection(db, p.manager, cid, null, new Date()))).toEqual({
      reason: 'forbidden',
      keys: ['seal.ownProposal'],
    });
    await acceptCorrection(db, p.office, cid, null, new Date());
    expect((await one<{ summary: string }>('SELECT summary FROM incidents WHERE id = ?', id)).summary).toBe('补充');
  });

  it('a concealed incident’s correction is the office’s: the unit manager cannot accept it', async () => {
    const { id, item } = await closedIncident(true);
    const cid = await proposeCorrection(db, p.reporter, 'incidents', id, { item: { ...item, tier: 3 }, reason: '更正等级' }, new Date());
    expect(await refusal(() => acceptCorrection(db, p.manager, cid, null, new Date()))).toEqual({
      reason: 'forbidden',
      keys: ['validation.officeOnly'],
    });
    expect(await tierOf(id)).toBe(2);
    await acceptCorrection(db, p.office, cid, null, new Date());
    expect(await tierOf(id)).toBe(3);
  });

  it('a correction is refused when stale, outside the reviewer’s scope, of an unsealed record, or touching a review field or the status', async () => {
    const { id, item } = await closedIncident();
    const cid = await proposeCorrection(db, p.reporter, 'incidents', id, { item: { ...item, tier: 3 }, reason: 'x' }, new Date());
    expect(await refusal(() => acceptCorrection(db, p.shManager, cid, null, new Date()))).toEqual({
      reason: 'forbidden',
      keys: ['workflow.outsideScope'],
    });
    // The record changes after the proposal (a free field, by its unit): the proposal no longer fits.
    await submitRecords(db, p.reporter, 'incidents', [{ ...item, summary: '后来补充' }], { now: new Date(), source: 'api' });
    expect((await refusal(() => acceptCorrection(db, p.manager, cid, null, new Date()))).keys).toEqual(['seal.stale']);
    expect(await tierOf(id)).toBe(2);

    const propose = async (over: Record<string, unknown>, recordId = id) =>
      (
        await refusal(() =>
          proposeCorrection(db, p.reporter, 'incidents', recordId, { item: { ...item, ...over }, reason: 'x' }, new Date()),
        )
      ).keys;
    expect(await propose({ concealed: true })).toEqual(['seal.notProposable']);
    expect(await propose({ status: 'withdrawn' })).toEqual(['seal.notProposable']);
    expect(await propose({ summary: '后来补充' })).toEqual(['seal.nothingToCorrect']);
    const open = (await submitRecords(db, p.reporter, 'incidents', [fx.fixture('incidents', 'before')], { now: new Date(), source: 'api' }))
      .ids[0]!;
    expect((await refusal(() => proposeCorrection(db, p.reporter, 'incidents', open, { item, reason: 'x' }, new Date()))).keys).toEqual([
      'seal.notSealed',
    ]);
    expect(
      (await refusal(() => proposeCorrection(db, p.reporter, 'incidents', id, { item: { ...item, tier: 3 }, reason: ' ' }, new Date())))
        .keys,
    ).toEqual(['validation.required']);
  });
});

describe('accepting an ethics record', () => {
  it('is a unit reviewer’s step; it seals the record and the rating counts it as before', async () => {
    const id = (
      await submitRecords(db, p.reporter, 'ethics-committees', [fx.fixture('ethics-committees', 'before')], {
        now: new Date(),
        source: 'api',
      })
    ).ids[0]!;
    const rating = await bj01();
    expect(await refusal(() => acceptEthicsRecord(db, p.reporter, 'ethics-committees', id, new Date()))).toEqual({
      reason: 'forbidden',
      keys: ['validation.reviewerOnly'],
    });
    await acceptEthicsRecord(db, p.manager, 'ethics-committees', id, new Date());
    expect((await one<{ status: string }>('SELECT status FROM ethics_committees WHERE id = ?', id)).status).toBe('accepted');
    expect(await bj01()).toEqual(rating);
    expect((await refusal(() => withdrawRecord(db, p.reporter, 'ethics-committees', id, null, new Date()))).keys).toEqual([
      'workflow.decidedReviewerOnly',
    ]);
    expect((await refusal(() => acceptEthicsRecord(db, p.manager, 'ethics-committees', id, new Date()))).keys).toEqual([
      'workflow.notActive',
    ]);
    const entry = await one<{ after: string }>(
      "SELECT after FROM audit_log WHERE action = 'ethics-committees.accept' AND entity_id = ?",
      id,
    );
    expect(JSON.parse(entry.after)).toMatchObject({ status: 'accepted', acceptedBy: p.manager.userId });
  });
});
