import { getTranslations } from 'next-intl/server';
import { rectifyHazardAction, verifyHazardAction } from '@/server/actions/workflow';
import { formatDate } from '@/domain/time/shanghai';
import { Notice, Panel } from './panel';
import { ProgressLine } from './progress-line';
import { StepForm } from './step-form';

/** Rectification: open → rectified (date and what was done) → verified by a reviewer. */
export async function HazardPanel({
  record,
  verifier,
  now,
  mayWrite,
  mayReview,
}: {
  record: { id: number; status: string; severity: string; dueAt: Date; rectifiedAt: Date | null; verifiedAt: Date | null };
  verifier: string | null;
  now: Date;
  mayWrite: boolean;
  mayReview: boolean;
}) {
  const t = await getTranslations();
  const overdue = record.status === 'open' && record.dueAt < now;
  const late = record.rectifiedAt && record.rectifiedAt > record.dueAt;
  return (
    <Panel title={t('recordWorkflow.rectification')} testId="workflow">
      <ProgressLine
        label={t('recordWorkflow.rectification')}
        current={record.status}
        testId="progress"
        steps={[
          { code: 'open', label: t('status.open'), detail: t('recordWorkflow.due', { date: formatDate(record.dueAt) }) },
          { code: 'rectified', label: t('status.rectified'), detail: record.rectifiedAt ? formatDate(record.rectifiedAt) : undefined },
          {
            code: 'verified',
            label: t('status.verified'),
            detail: record.verifiedAt ? `${formatDate(record.verifiedAt)}${verifier ? ` · ${verifier}` : ''}` : undefined,
          },
        ]}
      />
      {overdue ? (
        <Notice tone={record.severity === 'major' ? 'danger' : 'warn'} testId="overdue">
          {t(record.severity === 'major' ? 'recordWorkflow.overdueMajor' : 'recordWorkflow.overdue', { date: formatDate(record.dueAt) })}
        </Notice>
      ) : null}
      {late ? <Notice tone="warn">{t('recordWorkflow.rectifiedLate', { date: formatDate(record.dueAt) })}</Notice> : null}
      {mayWrite && record.status === 'open' ? (
        <StepForm
          action={rectifyHazardAction}
          hidden={{ id: record.id }}
          fields={[
            { name: 'rectifiedAt', label: t('fields.rectifiedAt'), type: 'date', required: true, defaultValue: formatDate(now) },
            { name: 'note', label: t('recordWorkflow.rectifyNote'), type: 'textarea', hint: t('recordWorkflow.rectifyNoteHint') },
          ]}
          buttons={[{ label: t('recordWorkflow.markRectified') }]}
          testId="rectify-hazard"
        />
      ) : null}
      {mayReview && record.status === 'rectified' ? (
        <StepForm
          action={verifyHazardAction}
          hidden={{ id: record.id }}
          fields={[{ name: 'note', label: t('recordWorkflow.verifyNote'), type: 'textarea' }]}
          buttons={[{ label: t('recordWorkflow.verify') }]}
          testId="verify-hazard"
        />
      ) : null}
      {!mayReview && record.status === 'rectified' ? <p className="text-sm text-gray-600">{t('recordWorkflow.awaitingVerifier')}</p> : null}
    </Panel>
  );
}
