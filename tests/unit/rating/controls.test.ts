import { describe, expect, it } from 'vitest';
import { CAS_2019_V1 } from '@/domain/rating/default-rule-set';
import { evaluate } from '@/domain/rating/evaluate';
import type { AssessmentRecord, ProjectRecord } from '@/domain/rating/types';
import { DAY, END_2025, SECOND, assessedProject, assessment, at, plus, project, records } from './builders';

const rate = (projects: ProjectRecord[], assessments: AssessmentRecord[] = [], asOf = END_2025) =>
  evaluate(records({ projects, assessments }), CAS_2019_V1, 2025, asOf);
const rules = (r: ReturnType<typeof rate>) => r.contributions.map((c) => c.rule);
const startedAt = at('2025-05-01T09:00:00+08:00');

describe('control.unassessed_start', () => {
  it('is fine with an assessment approved exactly at the start', () => {
    const p = project({ startedAt });
    expect(rate([p], [assessment({ projectId: p.id, decidedAt: startedAt })]).contributions).toEqual([]);
  });

  it('counts an assessment approved one second after the start: 5 points, yellow floor', () => {
    const p = project({ startedAt });
    const r = rate([p], [assessment({ projectId: p.id, decidedAt: plus(startedAt, SECOND) })]);
    expect(r.contributions).toEqual([
      {
        rule: 'control.unassessed_start',
        kind: 'projects',
        recordId: p.id,
        externalId: p.externalId,
        points: 5,
        floor: 'yellow',
        detail: { startedAt, approvedAt: plus(startedAt, SECOND), permitAt: null, filedAt: null },
      },
    ]);
    expect(r.floors).toEqual([
      { floor: 'yellow', rule: 'control.unassessed_start', kind: 'projects', recordId: p.id, externalId: p.externalId },
    ]);
    expect(r.level).toBe('yellow');
  });

  it.each(['rejected', 'withdrawn', 'submitted', 'draft'] as const)('does not accept a %s assessment as approval', (status) => {
    const p = project({ startedAt });
    expect(rules(rate([p], [assessment({ projectId: p.id, status, decidedAt: plus(startedAt, -DAY) })]))).toEqual([
      'control.unassessed_start',
    ]);
  });

  it("does not accept another project's approval, and counts a project with no assessment", () => {
    const p = project({ startedAt });
    const other = project({ startedAt });
    expect(rules(rate([p, other], [assessment({ projectId: other.id, decidedAt: plus(startedAt, -DAY) })]))).toEqual([
      'control.unassessed_start',
    ]);
  });

  it('uses the earliest approval when there are several', () => {
    const p = project({ startedAt });
    const late = assessment({ projectId: p.id, decidedAt: plus(startedAt, DAY) });
    const early = assessment({ projectId: p.id, decidedAt: plus(startedAt, -DAY) });
    expect(rate([p], [late, early]).contributions).toEqual([]);
  });
});

describe('control.unpermitted_start and control.unfiled_start', () => {
  it('counts a missing permit (5, yellow floor) and a missing filing (3, no floor)', () => {
    const { project: p, assessment: a } = assessedProject({ startedAt, requiresPermit: true, requiresFiling: true });
    const r = rate([p], [a]);
    expect(r.contributions.map((c) => [c.rule, c.points, c.floor])).toEqual([
      ['control.unpermitted_start', 5, 'yellow'],
      ['control.unfiled_start', 3, null],
    ]);
    expect(r.floors.map((f) => f.rule)).toEqual(['control.unpermitted_start']);
  });

  it('accepts a permit and a filing exactly at the start, not one second after', () => {
    const onTime = assessedProject({ startedAt, requiresPermit: true, permitAt: startedAt, requiresFiling: true, filedAt: startedAt });
    expect(rate([onTime.project], [onTime.assessment]).contributions).toEqual([]);
    const after = plus(startedAt, SECOND);
    const late = assessedProject({ startedAt, requiresPermit: true, permitAt: after, requiresFiling: true, filedAt: after });
    expect(rules(rate([late.project], [late.assessment]))).toEqual(['control.unpermitted_start', 'control.unfiled_start']);
  });

  it('ignores permits and filings a project does not need', () => {
    const { project: p, assessment: a } = assessedProject({ startedAt, requiresPermit: false, requiresFiling: false });
    expect(rate([p], [a]).contributions).toEqual([]);
  });
});

describe('which projects count', () => {
  it('counts a start at the first local instant of Y and not the last second of Y − 1', () => {
    expect(rules(rate([project({ startedAt: at('2024-12-31T16:00:00Z') })]))).toEqual(['control.unassessed_start']);
    expect(rate([project({ startedAt: at('2024-12-31T15:59:59Z') })]).contributions).toEqual([]);
  });

  it('ignores unstarted, withdrawn and (provisionally) later-started projects', () => {
    expect(rate([project({ startedAt: null })]).contributions).toEqual([]);
    expect(rate([project({ startedAt, withdrawn: true, requiresPermit: true })]).contributions).toEqual([]);
    expect(rate([project({ startedAt })], [], startedAt).contributions).toEqual([]);
    expect(rules(rate([project({ startedAt })], [], plus(startedAt, SECOND)))).toEqual(['control.unassessed_start']);
  });
});
