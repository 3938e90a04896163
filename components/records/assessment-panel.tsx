import { getTranslations } from 'next-intl/server';
import { decideAssessmentAction, submitAssessmentAction } from '@/server/actions/workflow';
import { formatDateTime } from '@/domain/time/shanghai';
import { Panel, Notice } from './panel';
import { ProgressLine } from './progress-line';
import { StepForm } from './step-form';

/** An assessment's review: where it stands, the comment, and the steps this viewer may take. */
export async function AssessmentPanel({
  record,
  mayWrite,
  mayReview,
}: {
  record: { id: number; status: string; stage: string; submittedAt: Date | null; decidedAt: Date | null; reviewComment: string | null };
  mayWrite: boolean;
  mayReview: boolean;
}) {
  const t = await getTranslations();
  const decided = record.status === 'approved' || record.status === 'rejected';
  const steps = [
    { code: 'draft', label: t('status.draft') },
    { code: 'submitted', label: t('status.submitted'), detail: record.submittedAt ? formatDateTime(record.submittedAt) : undefined },
    {
      code: record.status === 'rejected' ? 'rejected' : 'approved',
      label: t(record.status === 'rejected' ? 'status.rejected' : 'status.approved'),
      detail: decided && record.decidedAt ? formatDateTime(record.decidedAt) : undefined,
    },
  ];
  return (
    <Panel title={t('recordWorkflow.review')} testId="workflow">
      <ProgressLine steps={steps} current={record.status} label={t('recordWorkflow.review')} testId="progress" />
      {record.status === 'withdrawn' ? null : record.reviewComment ? (
        <Notice tone={record.status === 'rejected' ? 'warn' : 'info'} testId="review-comment">
          <span className="font-medium">
            {t('fields.reviewComment')}
            {t('recordForms.colon')}
          </span>
          {record.reviewComment}
        </Notice>
      ) : null}
      {record.stage === 'change' && record.status !== 'approved' && record.status !== 'withdrawn' ? (
        <Notice tone="info">{t('recordWorkflow.changeAssessment')}</Notice>
      ) : null}
      {mayWrite && (record.status === 'draft' || record.status === 'rejected') ? (
        <StepForm
          action={submitAssessmentAction}
          hidden={{ id: record.id }}
          buttons={[{ label: t('recordWorkflow.submitForReview') }]}
          testId="submit-assessment"
        />
      ) : null}
      {mayReview && record.status === 'submitted' ? (
        <StepForm
          action={decideAssessmentAction}
          hidden={{ id: record.id }}
          fields={[{ name: 'comment', label: t('fields.reviewComment'), type: 'textarea', hint: t('recordWorkflow.commentHint') }]}
          buttons={[
            { label: t('recordWorkflow.approve'), name: 'decision', value: 'approve' },
            { label: t('recordWorkflow.reject'), name: 'decision', value: 'reject', tone: 'danger' },
          ]}
          testId="decide-assessment"
        />
      ) : null}
      {!mayReview && record.status === 'submitted' ? <p className="text-sm text-gray-600">{t('recordWorkflow.awaitingReviewer')}</p> : null}
    </Panel>
  );
}
