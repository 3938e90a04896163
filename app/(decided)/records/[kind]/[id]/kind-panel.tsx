import type { Db } from '@/db/client';
import { displayNameOf, projectAssessments } from '@/db/records/read';
import { activeRatingRuleSet } from '@/db/rule-sets/rating-rule-sets';
import type { projects } from '@/db/schema';
import type { Actor } from '@/domain/auth/actor';
import { canMarkConcealed } from '@/domain/auth/roles';
import type { RecordKind } from '@/domain/records/kinds';
import { missingStartGates, reassessmentState } from '@/features/records/workflow';
import { AssessmentPanel } from '@/components/records/assessment-panel';
import { HazardPanel } from '@/components/records/hazard-panel';
import { IncidentPanel } from '@/components/records/incident-panel';
import { ProjectPanel } from '@/components/records/project-panel';

/** The panel of a kind's workflow on its record's page (steps, gates, deadlines), or nothing for the others. */
export function kindPanel(
  db: Db,
  actor: Actor,
  kind: RecordKind,
  record: Record<string, unknown> & { id: number },
  ctx: { now: Date; raisedFrom: number | null; mayWrite: boolean; mayReview: boolean },
): React.ReactNode {
  const { now, mayWrite, mayReview } = ctx;
  if (kind === 'assessments') return <AssessmentPanel record={record as never} mayWrite={mayWrite} mayReview={mayReview} />;
  if (kind === 'projects') {
    const row = record as unknown as typeof projects.$inferSelect;
    return (
      <ProjectPanel
        project={row}
        assessments={projectAssessments(db, actor.scope, row.id)}
        gatesNow={row.status === 'planned' ? missingStartGates(db, row, now) : []}
        gatesAtStart={row.startedAt ? missingStartGates(db, row, row.startedAt) : []}
        reassessment={reassessmentState(db, row.id)}
        now={now}
        mayWrite={mayWrite}
      />
    );
  }
  if (kind === 'hazards')
    return (
      <HazardPanel
        record={record as never}
        verifier={typeof record.verifiedBy === 'number' ? displayNameOf(db, record.verifiedBy) : null}
        now={now}
        mayWrite={mayWrite}
        mayReview={mayReview}
      />
    );
  if (kind === 'incidents')
    return (
      <IncidentPanel
        record={record as never}
        raisedFrom={ctx.raisedFrom}
        thresholds={activeRatingRuleSet(db).incidents.tierThresholds}
        mayWrite={mayWrite}
        mayReview={mayReview}
        mayConceal={canMarkConcealed(actor.role)}
      />
    );
  return null;
}
