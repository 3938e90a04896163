import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDb, type TestDb } from '../setup/test-db';
import { addUser, seedSmallOrg, TEST_PASSWORD, type RecordIds } from '../setup/small-org';
import { logIn } from '@/features/auth/login';
import { resolveActor } from '@/features/auth/resolve-actor';
import type { Actor } from '@/domain/auth/actor';
import type { Role } from '@/db/schema';
import { assessments, auditLog, hazards, incidents, projects } from '@/db/schema';
import { verifyAuditChain } from '@/db/audit/audit-log';
import { hazardStatus } from '@/db/dashboards/overview';
import { listRecords } from '@/db/records/list';
import { recordHistory } from '@/db/records/read';
import { submitRecords } from '@/features/records/submit';
import {
  advanceIncident,
  decideAssessment,
  reassessmentState,
  recordMajorChange,
  rectifyHazard,
  resumeProject,
  setIncidentConcealed,
  startProject,
  submitAssessment,
  verifyHazard,
  withdrawRecord,
  WorkflowRefused,
} from '@/features/records/workflow';
import { itemFromForm, withBeijingOffset } from '@/features/records/form-spec';
import { effectiveTier, impliedTier, tierRules, type TierThresholds } from '@/domain/incidents/effective-tier';
import { reportTiming } from '@/domain/incidents/report-timing';
import { CAS_2019_V1 } from '@/domain/rating/default-rule-set';
import { first } from '@/db/engine';

// The CAS workflow the interface offers, on a real migrated SQLite file: who may do each step, the gates
// before a project starts, and that every step is scoped, audited and keeps the audit chain intact.
let t: TestDb;
let ids: RecordIds;
const a: Record<'rep' | 'mgr' | 'office' | 'leader' | 'shRep' | 'shMgr' | 'officer', Actor> = {} as never;

async function actorFor(login: string, role: Role, unitCode: string): Promise<Actor> {
  await addUser(t.db, login, role, unitCode);
  const session = await logIn(t.db, { login, password: TEST_PASSWORD, ip: '127.0.0.1' });
  if (!session.ok) throw new Error('login failed');
  return (await resolveActor(t.db, { sessionToken: session.sessionToken }))!;
}

const at = (iso: string) => new Date(iso);
const NOW = at('2026-03-20T12:00:00+08:00');
const coreDims = ['chokepoint', 'loss', 'regulatory', 'data', 'ethics', 'opinion', 'secrecy'];
const dims = (likelihood = 2, impact = 3) => coreDims.map((dimension) => ({ dimension, likelihood, impact, measures: '落实防范措施' }));

/** The refusal a step throws, or a failed expectation if it went through. */
async function refusal(run: () => Promise<unknown>): Promise<WorkflowRefused> {
  try {
    await run();
  } catch (error) {
    if (error instanceof WorkflowRefused) return error;
    throw error;
  }
  throw new Error('expected the step to be refused');
}

const keys = (r: WorkflowRefused) => r.problems.map((p) => p.key);
const auditCount = async (action: string) => (await t.db.select().from(auditLog).where(eq(auditLog.action, action))).length;

async function project(externalId: string, extra: Record<string, unknown> = {}): Promise<number> {
  return (
    await submitRecords(t.db, a.rep, 'projects', [{ externalId, unitCode: 'BJ01', title: `项目 ${externalId}`, domain: 'ai', ...extra }], {
      now: at('2026-01-05T09:00:00+08:00'),
      source: 'form',
    })
  ).ids[0]!;
}

async function assessment(externalId: string, projectExternalId: string, extra: Record<string, unknown> = {}): Promise<number> {
  return (
    await submitRecords(
      t.db,
      a.rep,
      'assessments',
      [{ externalId, unitCode: 'BJ01', projectExternalId, stage: 'initiation', status: 'draft', dimensions: dims(), ...extra }],
      { now: at('2026-01-06T09:00:00+08:00'), source: 'form' },
    )
  ).ids[0]!;
}

beforeAll(async () => {
  t = await createTestDb();
  ids = await seedSmallOrg(t.db);
  a.rep = await actorFor('wf.rep', 'reporter', 'BJ01');
  a.mgr = await actorFor('wf.mgr', 'unit_manager', 'BJ01');
  a.office = await actorFor('wf.office', 'office', 'HX');
  a.leader = await actorFor('wf.leader', 'leader', 'HX');
  a.shRep = await actorFor('wf.shrep', 'reporter', 'SH01');
  a.shMgr = await actorFor('wf.shmgr', 'unit_manager', 'SH01');
  a.officer = await actorFor('wf.officer', 'branch_officer', 'BJ');
});
afterAll(() => t.close());

describe('incident tier implied by the figures (domain/incidents/effective-tier.ts, report-timing.ts)', () => {
  const fig = (f: { deaths?: number; seriousInjuries?: number; directLossCny?: number }) => ({
    deaths: 0,
    seriousInjuries: 0,
    directLossCny: 0,
    ...f,
  });
  const cases: [string, { deaths?: number; seriousInjuries?: number; directLossCny?: number }, number][] = [
    ['no casualties', {}, 4],
    ['2 deaths', { deaths: 2 }, 4],
    ['3 deaths', { deaths: 3 }, 3],
    ['9 serious injuries', { seriousInjuries: 9 }, 4],
    ['10 serious injuries', { seriousInjuries: 10 }, 3],
    ['loss 9,999,999', { directLossCny: 9_999_999 }, 4],
    ['loss 10,000,000', { directLossCny: 10_000_000 }, 3],
    ['9 deaths', { deaths: 9 }, 3],
    ['10 deaths', { deaths: 10 }, 2],
    ['49 serious injuries', { seriousInjuries: 49 }, 3],
    ['50 serious injuries', { seriousInjuries: 50 }, 2],
    ['loss 50,000,000', { directLossCny: 50_000_000 }, 2],
    ['29 deaths', { deaths: 29 }, 2],
    ['30 deaths', { deaths: 30 }, 1],
    ['99 serious injuries', { seriousInjuries: 99 }, 2],
    ['100 serious injuries', { seriousInjuries: 100 }, 1],
    ['loss 99,999,999', { directLossCny: 99_999_999 }, 2],
    ['loss 100,000,000', { directLossCny: 100_000_000 }, 1],
  ];
  it.each(cases)('%s → tier %i', (_name, figures, tier) => {
    expect(impliedTier(fig(figures), CAS_2019_V1).tier).toBe(tier);
  });

  it('names every figure that reaches the implied tier, with its threshold', () => {
    expect(impliedTier({ deaths: 12, seriousInjuries: 60, directLossCny: 1 }, CAS_2019_V1).by).toEqual([
      { figure: 'deaths', value: 12, threshold: 10 },
      { figure: 'seriousInjuries', value: 60, threshold: 50 },
    ]);
  });

  it('raises a chosen tier the figures exceed, and keeps a more serious one the reporter chose', () => {
    expect(effectiveTier({ tier: 4, ...fig({ deaths: 3 }) }, CAS_2019_V1)).toMatchObject({ tier: 3, setTier: 4, raised: true });
    expect(effectiveTier({ tier: 2, ...fig({ deaths: 3 }) }, CAS_2019_V1)).toMatchObject({ tier: 2, setTier: 2, raised: false });
    expect(effectiveTier({ tier: 3, ...fig({ deaths: 3 }) }, CAS_2019_V1)).toMatchObject({ tier: 3, raised: false });
  });

  it('takes the thresholds as a parameter, so a rule set can supply its own', () => {
    const defaults = CAS_2019_V1.incidents.tierThresholds;
    const strict: TierThresholds = { ...defaults, III: { deaths: 1, seriousInjuries: 5, directLossCny: 1_000_000 } };
    expect(impliedTier(fig({ deaths: 1 }), tierRules(strict)).tier).toBe(3);
    expect(impliedTier(fig({ deaths: 1 }), CAS_2019_V1).tier).toBe(4);
  });

  it('gives the report deadline after discovery by tier, and whether it was met', () => {
    const found = at('2026-03-01T08:00:00+08:00');
    expect(reportTiming(1, found, at('2026-03-01T10:00:00+08:00'))).toMatchObject({ hours: 2, met: true });
    expect(reportTiming(2, found, at('2026-03-01T10:00:01+08:00'))).toMatchObject({ hours: 2, met: false });
    expect(reportTiming(3, found, null)).toMatchObject({ hours: 24, met: null, deadline: at('2026-03-02T08:00:00+08:00') });
    expect(reportTiming(4, found, at('2026-03-04T08:00:00+08:00'))).toMatchObject({ hours: 72, met: true });
  });
});

describe('assessments: submit, approve, reject', () => {
  let id: number;
  beforeAll(async () => {
    await project('WF-P-A');
    id = await assessment('WF-A-1', 'WF-P-A');
  });

  it('a draft missing a CAS dimension cannot be submitted', async () => {
    const partial = await assessment('WF-A-PART', 'WF-P-A', { dimensions: dims().slice(0, 3) });
    const r = await refusal(() => submitAssessment(t.db, a.rep, partial, NOW));
    expect(r.reason).toBe('invalid');
    expect(r.problems[0]).toMatchObject({ field: 'dimensions', key: 'workflow.missingDimensions', params: { n: 4 } });
  });

  it('leadership cannot submit; the reporter can', async () => {
    expect((await refusal(() => submitAssessment(t.db, a.leader, id, NOW))).reason).toBe('forbidden');
    await submitAssessment(t.db, a.rep, id, NOW);
    const row = first(await t.db.select().from(assessments).where(eq(assessments.id, id)).limit(1))!;
    expect(row).toMatchObject({ status: 'submitted', submittedAt: NOW });
  });

  it('a reporter and a branch officer cannot approve', async () => {
    for (const actor of [a.rep, a.officer]) {
      const r = await refusal(() => decideAssessment(t.db, actor, id, { approve: true }, NOW));
      expect(r.reason).toBe('forbidden');
      expect(keys(r)).toEqual(['validation.reviewerOnly']);
    }
  });

  it('rejecting needs a comment; with one it is rejected, and can be reworked and resubmitted', async () => {
    const r = await refusal(() => decideAssessment(t.db, a.mgr, id, { approve: false, comment: '  ' }, NOW));
    expect(r.problems).toEqual([{ field: 'comment', key: 'validation.commentRequired', params: undefined }]);
    await decideAssessment(t.db, a.mgr, id, { approve: false, comment: '数据安全措施不具体' }, NOW);
    expect(first(await t.db.select().from(assessments).where(eq(assessments.id, id)).limit(1))).toMatchObject({
      status: 'rejected',
      decidedBy: a.mgr.userId,
      reviewComment: '数据安全措施不具体',
    });
    expect((await refusal(() => decideAssessment(t.db, a.mgr, id, { approve: true }, NOW))).problems[0]!.key).toBe('workflow.notSubmitted');
    await submitAssessment(t.db, a.rep, id, NOW);
  });

  it('the unit manager approves, and the office may too', async () => {
    await decideAssessment(t.db, a.mgr, id, { approve: true, comment: '同意立项' }, at('2026-03-21T10:00:00+08:00'));
    expect(first(await t.db.select().from(assessments).where(eq(assessments.id, id)).limit(1))).toMatchObject({
      status: 'approved',
      decidedAt: at('2026-03-21T10:00:00+08:00'),
      decidedBy: a.mgr.userId,
    });
    const other = await assessment('WF-A-OFFICE', 'WF-P-A');
    await submitAssessment(t.db, a.rep, other, NOW);
    await decideAssessment(t.db, a.office, other, { approve: true }, NOW);
    expect(first(await t.db.select().from(assessments).where(eq(assessments.id, other)).limit(1))!.status).toBe('approved');
  });
});

describe('projects: the start gates', () => {
  it('refuses a start with every missing gate named: approval, permit, filing', async () => {
    const id = await project('WF-P-GATES', { requiresPermit: true, requiresFiling: true });
    const r = await refusal(() => startProject(t.db, a.rep, id, at('2026-03-10'), NOW));
    expect(r.reason).toBe('invalid');
    expect(keys(r)).toEqual(['workflow.gateApproval', 'workflow.gatePermit', 'workflow.gateFiling']);
    expect(r.say('zh-CN').map((p) => p.field)).toEqual(['startedAt', 'startedAt', 'startedAt']);
    expect(first(await t.db.select().from(projects).where(eq(projects.id, id)).limit(1))).toMatchObject({
      status: 'planned',
      startedAt: null,
    });
  });

  it('refuses a start before the approval, the permit or the filing, and allows it at the approval instant', async () => {
    const approvedAt = at('2026-03-10T15:00:00+08:00');
    const id = await project('WF-P-TIME', { requiresPermit: true, permitAt: '2026-03-12', requiresFiling: true, filedAt: '2026-03-11' });
    const asm = await assessment('WF-A-TIME', 'WF-P-TIME');
    await submitAssessment(t.db, a.rep, asm, NOW);
    await decideAssessment(t.db, a.mgr, asm, { approve: true }, approvedAt);

    const early = await refusal(() => startProject(t.db, a.rep, id, at('2026-03-10T14:59:59+08:00'), NOW));
    expect(keys(early)).toEqual(['workflow.gateApprovalLater', 'workflow.gatePermitLater', 'workflow.gateFilingLater']);
    expect(early.say('zh-CN')[0]!.message).toContain('2026-03-10');
    expect(early.say('en')[1]!.message).toContain('2026-03-12');

    await t.db.update(projects).set({ permitAt: approvedAt, filedAt: approvedAt }).where(eq(projects.id, id));
    await startProject(t.db, a.rep, id, approvedAt, NOW);
    expect(first(await t.db.select().from(projects).where(eq(projects.id, id)).limit(1))).toMatchObject({
      status: 'active',
      startedAt: approvedAt,
    });
    expect((await refusal(() => startProject(t.db, a.rep, id, approvedAt, NOW))).problems[0]!.key).toBe('workflow.notPlanned');
  });

  it('says which gate is missing in the reader’s language', async () => {
    const id = await project('WF-P-LANG');
    const r = await refusal(() => startProject(t.db, a.rep, id, at('2026-03-10'), NOW));
    expect(r.say('zh-CN')[0]!.message).toMatch(/安全风险评估/);
    expect(r.say('en')[0]!.message).toMatch(/approved risk assessment/);
  });

  it('a start in the future is refused', async () => {
    const id = await project('WF-P-FUT');
    expect(keys(await refusal(() => startProject(t.db, a.rep, id, at('2026-04-01'), NOW)))).toEqual(['validation.inFuture']);
  });
});

describe('projects: a major change reopens assessment and can pause', () => {
  let id: number;
  beforeAll(async () => {
    id = await project('WF-P-CHG');
    const asm = await assessment('WF-A-CHG', 'WF-P-CHG');
    await submitAssessment(t.db, a.rep, asm, NOW);
    await decideAssessment(t.db, a.mgr, asm, { approve: true }, at('2026-03-01'));
    await startProject(t.db, a.rep, id, at('2026-03-02'), NOW);
  });

  it('needs a description of the change', async () => {
    const r = await refusal(() => recordMajorChange(t.db, a.rep, id, { changedAt: at('2026-03-15'), note: ' ', pause: true }, NOW));
    expect(r.problems[0]).toMatchObject({ field: 'note', key: 'validation.required' });
  });

  it('pauses the project and opens a draft change-stage assessment; the project cannot resume until it is approved', async () => {
    expect((await reassessmentState(t.db, id)).required).toBe(false);
    const result = await recordMajorChange(
      t.db,
      a.rep,
      id,
      { changedAt: at('2026-03-15'), note: '试验对象由动物扩展至人体', pause: true },
      NOW,
    );
    expect(result.paused).toBe(true);
    expect(first(await t.db.select().from(projects).where(eq(projects.id, id)).limit(1))).toMatchObject({
      status: 'paused',
      pausedAt: at('2026-03-15'),
    });
    const draft = first(await t.db.select().from(assessments).where(eq(assessments.id, result.assessmentId)).limit(1))!;
    expect(draft).toMatchObject({ stage: 'change', status: 'draft', projectId: id, externalId: 'WF-P-CHG-CHG-1' });
    expect(await reassessmentState(t.db, id)).toMatchObject({ required: true, assessmentId: result.assessmentId });

    // A second change while the first re-assessment is pending keeps the same draft.
    const again = await recordMajorChange(t.db, a.rep, id, { changedAt: at('2026-03-16'), note: '追加合作单位', pause: true }, NOW);
    expect(again).toEqual({ assessmentId: result.assessmentId, paused: false });

    expect(keys(await refusal(() => resumeProject(t.db, a.rep, id, NOW)))).toEqual(['workflow.reassessmentPending']);
    await submitRecords(
      t.db,
      a.rep,
      'assessments',
      [
        {
          externalId: draft.externalId,
          unitCode: 'BJ01',
          projectExternalId: 'WF-P-CHG',
          stage: 'change',
          status: 'draft',
          dimensions: dims(3, 4),
        },
      ],
      { now: NOW, source: 'form' },
    );
    await submitAssessment(t.db, a.rep, result.assessmentId, NOW);
    expect(keys(await refusal(() => resumeProject(t.db, a.rep, id, NOW)))).toEqual(['workflow.reassessmentPending']);
    await decideAssessment(t.db, a.mgr, result.assessmentId, { approve: true }, NOW);
    expect((await reassessmentState(t.db, id)).required).toBe(false);
    await resumeProject(t.db, a.rep, id, NOW);
    expect(first(await t.db.select().from(projects).where(eq(projects.id, id)).limit(1))!.status).toBe('active');
  });

  it('a change without pausing leaves the project running but still requires re-assessment', async () => {
    const result = await recordMajorChange(t.db, a.rep, id, { changedAt: at('2026-03-18'), note: '更换核心设备供应商', pause: false }, NOW);
    expect(result.paused).toBe(false);
    expect(first(await t.db.select().from(projects).where(eq(projects.id, id)).limit(1))!.status).toBe('active');
    expect(await reassessmentState(t.db, id)).toMatchObject({ required: true, externalId: 'WF-P-CHG-CHG-2' });
  });

  it('a planned project has no major change', async () => {
    const planned = await project('WF-P-PLANNED');
    const r = await refusal(() => recordMajorChange(t.db, a.rep, planned, { changedAt: at('2026-03-15'), note: 'x', pause: true }, NOW));
    expect(keys(r)).toEqual(['workflow.notRunning']);
  });
});

describe('hazards: open → rectified → verified', () => {
  it('a reporter rectifies (not before it was found); only a reviewer verifies', async () => {
    const id = ids.hazards.BJ01;
    const found = first(await t.db.select().from(hazards).where(eq(hazards.id, id)).limit(1))!.foundAt;
    const early = new Date(found.getTime() - 86_400_000);
    expect(keys(await refusal(() => rectifyHazard(t.db, a.rep, id, { rectifiedAt: early }, NOW)))).toEqual(['validation.beforeFound']);
    expect(keys(await refusal(() => verifyHazard(t.db, a.mgr, id, NOW)))).toEqual(['workflow.notRectified']);
    await rectifyHazard(t.db, a.rep, id, { rectifiedAt: at('2026-03-15'), note: '已部署加密存储' }, NOW);
    expect(first(await t.db.select().from(hazards).where(eq(hazards.id, id)).limit(1))).toMatchObject({
      status: 'rectified',
      rectifiedAt: at('2026-03-15'),
    });

    for (const actor of [a.rep, a.officer, a.leader])
      expect((await refusal(() => verifyHazard(t.db, actor, id, NOW))).reason).toBe('forbidden');
    await verifyHazard(t.db, a.mgr, id, NOW);
    expect(first(await t.db.select().from(hazards).where(eq(hazards.id, id)).limit(1))).toMatchObject({
      status: 'verified',
      verifiedAt: NOW,
      verifiedBy: a.mgr.userId,
    });
    expect(keys(await refusal(() => rectifyHazard(t.db, a.rep, id, { rectifiedAt: NOW }, NOW)))).toEqual(['workflow.notOpen']);
    const history = (await recordHistory(t.db, a.rep.scope, 'hazards', id)).map((h) => h.action);
    expect(history).toEqual(['hazards.rectify', 'hazards.verify']);
    expect(await recordHistory(t.db, a.shRep.scope, 'hazards', id)).toEqual([]);
  });
});

describe('incidents: reported → investigating → closed; concealment by the office', () => {
  it('a reporter opens the investigation; closing is a reviewer’s', async () => {
    const id = ids.incidents.BJ01;
    expect(keys(await refusal(() => advanceIncident(t.db, a.rep, id, 'closed', NOW)))).toEqual(['validation.reviewerOnly']);
    await advanceIncident(t.db, a.rep, id, 'investigating', NOW);
    expect(keys(await refusal(() => advanceIncident(t.db, a.rep, id, 'investigating', NOW)))).toEqual(['workflow.wrongIncidentStep']);
    await advanceIncident(t.db, a.mgr, id, 'closed', NOW);
    expect(first(await t.db.select().from(incidents).where(eq(incidents.id, id)).limit(1))!.status).toBe('closed');
  });

  it('only the office (or an administrator) marks an incident concealed, and can undo it', async () => {
    const id = ids.incidents.BJ01_D1;
    for (const actor of [a.rep, a.mgr, a.officer, a.leader]) {
      const r = await refusal(() => setIncidentConcealed(t.db, actor, id, true, NOW));
      expect(r.reason).toBe('forbidden');
      expect(keys(r)).toEqual(['validation.officeOnly']);
    }
    await setIncidentConcealed(t.db, a.office, id, true, NOW);
    expect(first(await t.db.select().from(incidents).where(eq(incidents.id, id)).limit(1))!.concealed).toBe(true);
    await setIncidentConcealed(t.db, a.office, id, false, NOW);
    expect(first(await t.db.select().from(incidents).where(eq(incidents.id, id)).limit(1))!.concealed).toBe(false);
    expect(await auditCount('incidents.conceal')).toBe(1);
    expect(await auditCount('incidents.unconceal')).toBe(1);
  });
});

describe('withdrawal', () => {
  it('marks the record withdrawn, keeps it, and it stops counting as an open hazard', async () => {
    const id = (
      await submitRecords(
        t.db,
        a.rep,
        'hazards',
        [
          {
            externalId: 'WF-H-W',
            unitCode: 'BJ01',
            domain: 'ai',
            dimension: 'data',
            severity: 'major',
            foundAt: '2026-03-01',
            dueAt: '2026-03-05',
          },
        ],
        { now: NOW, source: 'form' },
      )
    ).ids[0]!;
    const before = await hazardStatus(t.db, a.rep.scope, NOW);
    await withdrawRecord(t.db, a.rep, 'hazards', id, '重复填报', NOW);
    const after = await hazardStatus(t.db, a.rep.scope, NOW);
    expect(after.open).toBe(before.open - 1);
    expect(after.majorOverdue).toBe(before.majorOverdue - 1);
    expect(first(await t.db.select().from(hazards).where(eq(hazards.id, id)).limit(1))!.status).toBe('withdrawn');
    expect((await listRecords(t.db, a.rep.scope, 'hazards', { status: 'withdrawn' })).rows.map((r) => r.externalId)).toContain('WF-H-W');
    expect(keys(await refusal(() => withdrawRecord(t.db, a.rep, 'hazards', id, null, NOW)))).toEqual(['workflow.withdrawn']);
    const entry = first(await t.db.select().from(auditLog).where(eq(auditLog.action, 'hazards.withdraw')).limit(1))!;
    expect(entry).toMatchObject({ before: { status: 'open' }, after: { status: 'withdrawn', reason: '重复填报', source: 'form' } });
  });

  it('an approved assessment is withdrawn only by a reviewer; leadership withdraws nothing', async () => {
    const asm = first(await t.db.select().from(assessments).where(eq(assessments.externalId, 'WF-A-OFFICE')).limit(1))!;
    expect(keys(await refusal(() => withdrawRecord(t.db, a.rep, 'assessments', asm.id, null, NOW)))).toEqual([
      'workflow.decidedReviewerOnly',
    ]);
    expect((await refusal(() => withdrawRecord(t.db, a.leader, 'projects', ids.projects.BJ01, null, NOW))).reason).toBe('forbidden');
    await withdrawRecord(t.db, a.mgr, 'assessments', asm.id, null, NOW);
    expect(first(await t.db.select().from(assessments).where(eq(assessments.id, asm.id)).limit(1))!.status).toBe('withdrawn');
  });
});

describe('a user of another institute cannot act on a BJ01 record', () => {
  let asm: number;
  let planned: number;
  let running: number;
  let hazard: number;
  beforeAll(async () => {
    planned = await project('WF-X-PLANNED');
    running = await project('WF-X-RUN', { startedAt: '2026-02-01', status: 'active' });
    await project('WF-X-A');
    asm = await assessment('WF-X-ASM', 'WF-X-A');
    hazard = ids.hazards.BJ01_D1;
  });

  const steps: [string, (actor: 'shRep' | 'shMgr') => Promise<unknown>][] = [
    ['submit an assessment', (x) => submitAssessment(t.db, a[x], asm, NOW)],
    ['approve an assessment', (x) => decideAssessment(t.db, a[x], asm, { approve: true }, NOW)],
    ['reject an assessment', (x) => decideAssessment(t.db, a[x], asm, { approve: false, comment: '不同意' }, NOW)],
    ['start a project', (x) => startProject(t.db, a[x], planned, at('2026-03-01'), NOW)],
    ['record a major change', (x) => recordMajorChange(t.db, a[x], running, { changedAt: at('2026-03-01'), note: 'x', pause: true }, NOW)],
    ['resume a project', (x) => resumeProject(t.db, a[x], running, NOW)],
    ['rectify a hazard', (x) => rectifyHazard(t.db, a[x], hazard, { rectifiedAt: NOW }, NOW)],
    ['verify a hazard', (x) => verifyHazard(t.db, a[x], hazard, NOW)],
    ['advance an incident', (x) => advanceIncident(t.db, a[x], ids.incidents.BJ01_D1, 'investigating', NOW)],
    ['close an incident', (x) => advanceIncident(t.db, a[x], ids.incidents.BJ01_D1, 'closed', NOW)],
    ['withdraw a record', (x) => withdrawRecord(t.db, a[x], 'inspections', ids.inspections.BJ01, null, NOW)],
  ];

  it.each(steps)('%s: refused to a reporter and a manager of SH01, and nothing changes', async (_name, run) => {
    const entries = (await t.db.select().from(auditLog)).length;
    for (const who of ['shRep', 'shMgr'] as const) {
      const r = await refusal(() => run(who));
      expect(r.reason).toBe('forbidden');
    }
    expect((await t.db.select().from(auditLog)).length).toBe(entries);
  });

  it('a record id that does not exist is refused the same way to a scoped user', async () => {
    const r = await refusal(() => withdrawRecord(t.db, a.shRep, 'incidents', 9_999_999, null, NOW));
    expect(r.reason).toBe('forbidden');
    expect(keys(r)).toEqual(['workflow.outsideScope']);
    expect(keys(await refusal(() => withdrawRecord(t.db, a.office, 'incidents', 9_999_999, null, NOW)))).toEqual(['workflow.notFound']);
  });

  it('the scope check comes before the state check: nothing about the record leaks', async () => {
    const r = await refusal(() => startProject(t.db, a.shRep, running, at('2026-03-01'), NOW));
    expect(keys(r)).toEqual(['workflow.outsideScope']);
  });
});

describe('form text to the submitted item (features/records/form-spec.ts)', () => {
  it('reads datetime-local values as Beijing time and tiers as numbers', async () => {
    expect(withBeijingOffset('2026-03-04T09:30')).toBe('2026-03-04T09:30+08:00');
    expect(withBeijingOffset('2026-03-04')).toBe('2026-03-04');
    const item = itemFromForm(
      'incidents',
      {
        externalId: 'WF-I-F',
        unitCode: 'BJ01',
        domain: 'drones',
        dimension: 'loss',
        occurredAt: '2026-03-04T09:30',
        tier: '3',
        deaths: '0',
      },
      false,
    );
    expect(item).toMatchObject({ occurredAt: '2026-03-04T09:30+08:00', tier: 3, deaths: 0 });
    expect(item).not.toHaveProperty('summary');
    const id = (await submitRecords(t.db, a.rep, 'incidents', [item], { now: NOW, source: 'form' })).ids[0]!;
    expect(first(await t.db.select().from(incidents).where(eq(incidents.id, id)).limit(1))!.occurredAt).toEqual(at('2026-03-04T01:30:00Z'));
  });

  it('on an edit, an emptied optional field clears the stored value and an unticked box is false', async () => {
    const id = await project('WF-P-FORM', { lead: '王研究员', requiresPermit: true, permitAt: '2026-02-01' });
    const item = itemFromForm(
      'projects',
      { externalId: 'WF-P-FORM', unitCode: 'BJ01', title: '项目 WF-P-FORM', domain: 'ai', lead: '', permitAt: '' },
      true,
    );
    expect(item).toMatchObject({ lead: null, permitAt: null, requiresPermit: false, requiresFiling: false });
    await submitRecords(t.db, a.rep, 'projects', [item], { now: NOW, source: 'form' });
    expect(first(await t.db.select().from(projects).where(eq(projects.id, id)).limit(1))).toMatchObject({
      lead: null,
      permitAt: null,
      requiresPermit: false,
      status: 'planned',
    });
  });

  it('on a new record, empty fields are left to the kind’s defaults', () => {
    const item = itemFromForm('hazards', { externalId: 'WF-H-F', unitCode: 'BJ01', description: '' }, false);
    expect(item).not.toHaveProperty('description');
  });
});

describe('record lists: filters and sorting, within the scope', () => {
  it('searches, filters by status, unit subtree and date range, and sorts', async () => {
    const file = (externalId: string, unitCode: string, occurredAt: string, summary: string) =>
      submitRecords(
        t.db,
        a.rep,
        'incidents',
        [{ externalId, unitCode, domain: 'drones', dimension: 'loss', tier: 4, occurredAt, summary }],
        { now: NOW, source: 'form' },
      );
    await file('WF-L-1', 'BJ01', '2025-01-10', '无人机坠落 100%_样本');
    await file('WF-L-2', 'BJ01-D1', '2025-02-10', '数据外泄');
    await file('WF-L-3', 'BJ01', '2025-03-10', '机械臂伤人');
    const refs = async (opts: Parameters<typeof listRecords>[3]) =>
      (await listRecords(t.db, a.rep.scope, 'incidents', opts)).rows.map((r) => r.externalId);
    expect(await refs({ q: 'WF-L' })).toEqual(['WF-L-3', 'WF-L-2', 'WF-L-1']);
    expect(await refs({ q: 'WF-L', sort: 'externalId', dir: 'asc' })).toEqual(['WF-L-1', 'WF-L-2', 'WF-L-3']);
    expect(await refs({ q: '外泄' })).toEqual(['WF-L-2']);
    // The user's % and _ are literal, not wildcards.
    expect(await refs({ q: '100%_' })).toEqual(['WF-L-1']);
    expect(await refs({ q: '%' })).toEqual(['WF-L-1']);
    expect(await refs({ q: 'WF-L', unitPath: '/1/2/4/7/' })).toEqual(['WF-L-2']);
    expect(await refs({ q: 'WF-L', from: at('2025-02-01'), to: at('2025-03-01') })).toEqual(['WF-L-2']);
    expect((await listRecords(t.db, a.shRep.scope, 'incidents', { q: 'WF-L' })).total).toBe(0);
  });

  it('lists a planned project (no start date yet) by when it was entered', async () => {
    const rows = (await listRecords(t.db, a.rep.scope, 'projects', { q: 'WF-P-' })).rows;
    expect(rows.length).toBeGreaterThan(3);
    expect(rows.some((r) => r.date === null)).toBe(true);
  });
});

describe('the audit log', () => {
  it('holds an entry for every kind of step, and the chain still verifies', async () => {
    for (const action of [
      'assessments.submit',
      'assessments.approve',
      'assessments.reject',
      'projects.start',
      'projects.major_change',
      'projects.resume',
      'hazards.rectify',
      'hazards.verify',
      'incidents.status',
      'incidents.conceal',
      'hazards.withdraw',
      'assessments.withdraw',
    ])
      expect(await auditCount(action), action).toBeGreaterThan(0);
    const start = first(await t.db.select().from(auditLog).where(eq(auditLog.action, 'projects.start')).limit(1))!;
    expect(start.before).toMatchObject({ status: 'planned', startedAt: null });
    expect(start.after).toMatchObject({ status: 'active', source: 'form' });
    expect(start.actorUserId).toBe(a.rep.userId);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  });
});
