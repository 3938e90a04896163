import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { majorChangeAction, resumeProjectAction, startProjectAction } from '@/server/actions/workflow';
import type { Reassessment, WorkflowProblem } from '@/features/records/workflow';
import { formatDate } from '@/domain/time/shanghai';
import { Notice, Panel } from './panel';
import { StatusBadge } from '@/components/status-badge';
import { StepForm } from './step-form';

interface ProjectRow {
  id: number;
  externalId: string;
  status: string;
  requiresPermit: boolean;
  permitAt: Date | null;
  requiresFiling: boolean;
  filedAt: Date | null;
  startedAt: Date | null;
  pausedAt: Date | null;
}

interface AssessmentRow {
  id: number;
  externalId: string;
  stage: string;
  status: string;
  decidedAt: Date | null;
}

/**
 * A project's gates (CAS §5): an approved assessment, the permit and the filing before the start; a major
 * change reopening assessment and maybe pausing it; and the steps this viewer may take.
 */
export async function ProjectPanel({
  project,
  assessments,
  gatesNow,
  gatesAtStart,
  reassessment,
  now,
  mayWrite,
}: {
  project: ProjectRow;
  assessments: AssessmentRow[];
  /** What a start today would still miss (for a planned project). */
  gatesNow: WorkflowProblem[];
  /** What was missing when it started (a violation), for a started project. */
  gatesAtStart: WorkflowProblem[];
  reassessment: Reassessment;
  now: Date;
  mayWrite: boolean;
}) {
  const t = await getTranslations();
  return (
    <Panel title={t('recordWorkflow.gates')} testId="workflow">
      <ProjectGates project={project} assessments={assessments} />
      {project.startedAt ? (
        <p className="text-sm text-gray-700">{t('recordWorkflow.startedOn', { date: formatDate(project.startedAt) })}</p>
      ) : null}
      {gatesAtStart.length ? (
        <Notice tone="danger" testId="start-violation">
          <p className="font-medium">{t('recordWorkflow.startedWithoutGates')}</p>
          <ul className="mt-1 list-disc pl-5">
            {gatesAtStart.map((g) => (
              <li key={g.key}>{t(g.key, g.params)}</li>
            ))}
          </ul>
        </Notice>
      ) : null}
      {reassessment.required ? (
        <Notice tone="warn" testId="reassessment-required">
          <p className="font-medium">{t('recordWorkflow.reassessmentRequired')}</p>
          {reassessment.assessmentId ? (
            <p>
              <Link href={`/records/assessments/${reassessment.assessmentId}`} className="text-blue-800 underline">
                {reassessment.externalId}
              </Link>{' '}
              · {t(`status.${reassessment.status}` as 'status.draft')}
            </p>
          ) : null}
          {project.status === 'paused' && project.pausedAt ? (
            <p>{t('recordWorkflow.pausedSince', { date: formatDate(project.pausedAt) })}</p>
          ) : null}
        </Notice>
      ) : null}

      {mayWrite ? <ProjectSteps project={project} gatesNow={gatesNow} reassessment={reassessment} now={now} /> : null}

      <ProjectAssessments project={project} assessments={assessments} mayWrite={mayWrite} />
    </Panel>
  );
}

/** The gates before a start: an approved assessment, and the permit and filing when required. */
async function ProjectGates({ project, assessments }: { project: ProjectRow; assessments: AssessmentRow[] }) {
  const t = await getTranslations();
  const approved = assessments.find((a) => a.status === 'approved' && a.decidedAt);
  const gate = (ok: boolean, text: string, key: string) => (
    <li className="flex items-start gap-2" data-gate={key} data-ok={ok}>
      <span aria-hidden="true" className={`font-bold ${ok ? 'text-emerald-700' : 'text-red-700'}`}>
        {ok ? '✓' : '✗'}
      </span>
      <span>
        <span className="sr-only">{ok ? t('recordWorkflow.gateMet') : t('recordWorkflow.gateMissing')}</span>
        {text}
      </span>
    </li>
  );
  return (
    <ul className="space-y-1 text-sm" data-testid="gates">
      {gate(
        Boolean(approved),
        approved
          ? t('recordWorkflow.gateApprovalOk', { ref: approved.externalId, date: formatDate(approved.decidedAt) })
          : t('recordWorkflow.gateApprovalNo'),
        'approval',
      )}
      {project.requiresPermit
        ? gate(
            Boolean(project.permitAt),
            project.permitAt ? t('recordWorkflow.gatePermitOk', { date: formatDate(project.permitAt) }) : t('recordWorkflow.gatePermitNo'),
            'permit',
          )
        : null}
      {project.requiresFiling
        ? gate(
            Boolean(project.filedAt),
            project.filedAt ? t('recordWorkflow.gateFilingOk', { date: formatDate(project.filedAt) }) : t('recordWorkflow.gateFilingNo'),
            'filing',
          )
        : null}
    </ul>
  );
}

/** What the viewer may do next: start a planned project, resume a paused one, record a major change. */
async function ProjectSteps({
  project,
  gatesNow,
  reassessment,
  now,
}: {
  project: ProjectRow;
  gatesNow: WorkflowProblem[];
  reassessment: Reassessment;
  now: Date;
}) {
  const t = await getTranslations();
  const running = project.status === 'active' || project.status === 'paused';
  return (
    <>
      {project.status === 'planned' ? (
        <div className="rounded-md border border-gray-200 p-4">
          <h3 className="mb-2 text-sm font-semibold">{t('recordWorkflow.markStarted')}</h3>
          {gatesNow.length ? <p className="mb-2 text-sm text-amber-900">{t('recordWorkflow.startBlocked')}</p> : null}
          <StepForm
            action={startProjectAction}
            hidden={{ id: project.id }}
            fields={[{ name: 'startedAt', label: t('fields.startedAt'), type: 'date', required: true, defaultValue: formatDate(now) }]}
            buttons={[{ label: t('recordWorkflow.markStarted') }]}
            testId="start-project"
          />
        </div>
      ) : null}
      {project.status === 'paused' && !reassessment.required ? (
        <StepForm
          action={resumeProjectAction}
          hidden={{ id: project.id }}
          buttons={[{ label: t('recordWorkflow.resume') }]}
          testId="resume-project"
        />
      ) : null}
      {running ? (
        <details className="rounded-md border border-gray-200 p-4">
          <summary className="cursor-pointer text-sm font-semibold">{t('recordWorkflow.majorChange')}</summary>
          <p className="my-2 text-sm text-gray-600">{t('recordWorkflow.majorChangeHint')}</p>
          <StepForm
            action={majorChangeAction}
            hidden={{ id: project.id }}
            fields={[
              { name: 'changedAt', label: t('recordWorkflow.changedAt'), type: 'date', required: true, defaultValue: formatDate(now) },
              { name: 'note', label: t('recordWorkflow.changeNote'), type: 'textarea', required: true },
              ...(project.status === 'active'
                ? [{ name: 'pause', label: t('recordWorkflow.pauseUntilReassessed'), type: 'checkbox' as const, defaultValue: 'true' }]
                : []),
            ]}
            buttons={[{ label: t('recordWorkflow.recordChange') }]}
            done={t('recordWorkflow.changeRecorded')}
            testId="major-change"
          />
        </details>
      ) : null}
    </>
  );
}

/** The project's assessments, with a link to file a new one. */
async function ProjectAssessments({
  project,
  assessments,
  mayWrite,
}: {
  project: ProjectRow;
  assessments: AssessmentRow[];
  mayWrite: boolean;
}) {
  const t = await getTranslations();
  return (
    <div>
      <div className="mb-2 flex items-center justify-between">
        <h3 className="text-sm font-semibold">{t('kinds.assessments')}</h3>
        {mayWrite && project.status !== 'withdrawn' ? (
          <Link href={`/records/assessments/new?project=${project.id}`} className="text-sm text-blue-700 hover:underline">
            + {t('recordWorkflow.newAssessment')}
          </Link>
        ) : null}
      </div>
      {assessments.length === 0 ? (
        <p className="text-sm text-gray-500">{t('recordWorkflow.noAssessments')}</p>
      ) : (
        <ul className="divide-y divide-gray-100 text-sm">
          {assessments.map((a) => (
            <li key={a.id} className="flex flex-wrap items-center gap-3 py-1.5">
              <Link href={`/records/assessments/${a.id}`} className="font-mono text-xs text-blue-700 hover:underline">
                {a.externalId}
              </Link>
              <span>{t(`stages.${a.stage}` as 'stages.initiation')}</span>
              <StatusBadge status={a.status} label={t(`status.${a.status}` as 'status.open')} />
              {a.decidedAt ? <span className="text-xs text-gray-500">{formatDate(a.decidedAt)}</span> : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
