import type { Db } from '@/db/tx';
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
export async function kindPanel(
  db: Db,
  actor: Actor,
  kind: RecordKind,
  record: Record<string, unknown> & { id: number },
  ctx: { now: Date; raisedFrom: number | null; mayWrite: boolean; mayReview: boolean },
): Promise<React.ReactNode> {
  const { now, mayWrite, mayReview } = ctx;
  if (kind === 'assessments') return <AssessmentPanel record={record as never} mayWrite={mayWrite} mayReview={mayReview} />;
  if (kind === 'projects') {
    const row = record as unknown as typeof projects.$inferSelect;
    const [assessments, gatesNow, gatesAtStart, reassessment] = await Promise.all([
      projectAssessments(db, actor.scope, row.id),
      row.status === 'planned' ? missingStartGates(db, row, now) : [],
      row.startedAt ? missingStartGates(db, row, row.startedAt) : [],
      reassessmentState(db, row.id),
    ]);
    return (
      <ProjectPanel
        project={row}
        assessments={assessments}
        gatesNow={gatesNow}
        gatesAtStart={gatesAtStart}
        reassessment={reassessment}
        now={now}
        mayWrite={mayWrite}
      />
    );
  }
  if (kind === 'hazards') {
    const verifier = typeof record.verifiedBy === 'number' ? await displayNameOf(db, record.verifiedBy) : null;
    return <HazardPanel record={record as never} verifier={verifier} now={now} mayWrite={mayWrite} mayReview={mayReview} />;
  }
  if (kind === 'incidents') {
    const ruleSet = await activeRatingRuleSet(db);
    return (
      <IncidentPanel
        record={record as never}
        raisedFrom={ctx.raisedFrom}
        thresholds={ruleSet.incidents.tierThresholds}
        mayWrite={mayWrite}
        mayReview={mayReview}
        mayConceal={canMarkConcealed(actor.role)}
      />
    );
  }
  return null;
}
