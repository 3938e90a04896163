import type { Level } from '@/domain/reference/level-codes';
import type { RatingWindow, Scores } from '@/domain/rating/rating-window';
import type { Contribution, AssessmentRecord, ControlRuleId, ProjectDetail, ProjectRecord } from '@/domain/rating/types';

/** control.unassessed_start, control.unpermitted_start and control.unfiled_start for projects started in Y. */
export function scoreProjectStarts(
  projects: readonly ProjectRecord[],
  assessments: readonly AssessmentRecord[],
  w: RatingWindow,
  out: Scores,
): void {
  const { controls: rules, floors } = w.ruleSet;
  // One pass over the assessments instead of a search per project: the earliest approval per project is
  // all a start needs. Drafts, submissions, rejections and withdrawals approve nothing.
  const firstApproval = new Map<number, number>();
  for (const a of assessments) {
    if (a.status !== 'approved' || a.decidedAt === null) continue;
    const decided = a.decidedAt.getTime();
    const known = firstApproval.get(a.projectId);
    if (known === undefined || decided < known) firstApproval.set(a.projectId, decided);
  }

  for (const project of projects) {
    if (project.withdrawn || project.startedAt === null) continue;
    const started = project.startedAt.getTime();
    if (started < w.start || started >= w.asOf) continue;

    const approved = firstApproval.get(project.id);
    // "At or before its start": an approval, permit or filing at the very instant of the start is in time.
    const unassessed = approved === undefined || approved > started;
    const unpermitted = project.requiresPermit && (project.permitAt === null || project.permitAt.getTime() > started);
    const unfiled = project.requiresFiling && (project.filedAt === null || project.filedAt.getTime() > started);
    if (!unassessed && !unpermitted && !unfiled) continue;

    const detail: ProjectDetail = {
      startedAt: project.startedAt,
      approvedAt: approved === undefined ? null : new Date(approved),
      permitAt: project.permitAt,
      filedAt: project.filedAt,
    };
    if (unassessed) {
      const rule = 'control.unassessed_start';
      out.add(contribution(project, rule, rules.unassessedStartPoints, floors[rule], detail), started);
    }
    if (unpermitted) {
      const rule = 'control.unpermitted_start';
      out.add(contribution(project, rule, rules.unpermittedStartPoints, floors[rule], detail), started);
    }
    if (unfiled) out.add(contribution(project, 'control.unfiled_start', rules.unfiledStartPoints, null, detail), started);
  }
}

function contribution(
  project: ProjectRecord,
  rule: ControlRuleId,
  points: number,
  floor: Level | null,
  detail: ProjectDetail,
): Contribution {
  return { rule, kind: 'projects', recordId: project.id, externalId: project.externalId, points, floor, detail };
}
