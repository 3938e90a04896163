import { getTranslations } from 'next-intl/server';
import { advanceIncidentAction, concealIncidentAction } from '@/server/actions/workflow';
import { impliedTier, tierRules, type TierThresholds } from '@/domain/incidents/effective-tier';
import { isTier, reportTiming } from '@/domain/incidents/report-timing';
import { formatDateTime } from '@/domain/time/shanghai';
import { Notice, Panel } from './panel';
import { ProgressLine } from './progress-line';
import { StepForm } from './step-form';

interface IncidentRow {
  id: number;
  status: string;
  tier: number;
  deaths: number;
  seriousInjuries: number;
  directLossCny: number;
  discoveredAt: Date;
  reportedAt: Date;
  reportTimeUnknown?: boolean;
  concealed: boolean;
}

/** An incident's tier and why, its report deadline and whether it was met, its handling, concealment. */
export async function IncidentPanel({
  record,
  raisedFrom,
  thresholds,
  mayWrite,
  mayReview,
  mayConceal,
}: {
  record: IncidentRow;
  raisedFrom: number | null;
  /** The active rule set's: why the tier is what it is is said against them. */
  thresholds: TierThresholds;
  mayWrite: boolean;
  mayReview: boolean;
  mayConceal: boolean;
}) {
  const t = await getTranslations();
  const implied = impliedTier(record, tierRules(thresholds));
  const reasons = implied.by.map((r) =>
    t(`incidentTier.reason.${r.figure}`, { value: r.value.toLocaleString('en-US'), threshold: r.threshold.toLocaleString('en-US') }),
  );
  return (
    <Panel title={t('recordWorkflow.incident')} testId="workflow">
      {raisedFrom && raisedFrom > record.tier ? (
        <Notice tone="warn" testId="tier-raised">
          <p className="font-semibold">{t('incidentTier.raised', { chosen: t(`tiers.${raisedFrom}`), tier: t(`tiers.${record.tier}`) })}</p>
          <ul className="mt-1 list-disc pl-5">
            {reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </Notice>
      ) : null}
      <IncidentFacts record={record} implied={implied.tier} reasons={reasons} />
      {record.concealed ? (
        <Notice tone="danger" testId="concealed">
          {t('recordWorkflow.concealed')}
        </Notice>
      ) : null}
      <ProgressLine
        label={t('recordWorkflow.handling')}
        current={record.status}
        testId="progress"
        steps={(['reported', 'investigating', 'closed'] as const).map((s) => ({ code: s, label: t(`status.${s}`) }))}
      />
      <IncidentSteps record={record} mayWrite={mayWrite} mayReview={mayReview} mayConceal={mayConceal} />
    </Panel>
  );
}

/** The tier and why it is what it is, and the report deadline with whether it was met. */
async function IncidentFacts({ record, implied, reasons }: { record: IncidentRow; implied: number; reasons: string[] }) {
  const t = await getTranslations();
  const timing = reportTiming(isTier(record.tier) ? record.tier : 4, record.discoveredAt, record.reportedAt);
  return (
    <dl className="grid gap-3 text-sm sm:grid-cols-2">
      <div>
        <dt className="text-xs text-gray-500">{t('fields.tier')}</dt>
        <dd className="font-semibold" data-testid="incident-tier">
          {t(`tiers.${record.tier}`)}
        </dd>
        <dd className="text-xs text-gray-600" data-testid="tier-why">
          {implied === record.tier && reasons.length
            ? `${t('incidentTier.matches', { tier: t(`tiers.${record.tier}`) })} ${reasons.join(t('incidentTier.sep'))}`
            : implied > record.tier
              ? t('incidentTier.setByReporter', { implied: t(`tiers.${implied}`) })
              : implied < record.tier
                ? t('incidentTier.belowFigures', { implied: t(`tiers.${implied}`) })
                : t('incidentTier.noFigures')}
        </dd>
      </div>
      <div>
        <dt className="text-xs text-gray-500">{t('incidentTier.deadlineLabel')}</dt>
        <dd data-testid="report-deadline">
          {t('incidentTier.deadline', { hours: timing.hours, at: formatDateTime(timing.deadline) })}{' '}
          {/* History loaded without a report time (decision 033): its reportedAt is only when it was received. */}
          {record.reportTimeUnknown ? (
            <span className="font-medium text-gray-700" data-testid="report-time-unknown">
              {t('incidentTier.reportTimeUnknown')}
            </span>
          ) : timing.met ? (
            <span className="font-medium text-emerald-800">✓ {t('incidentTier.onTimeAt', { at: formatDateTime(record.reportedAt) })}</span>
          ) : (
            <span className="font-medium text-red-800">✗ {t('incidentTier.lateAt', { at: formatDateTime(record.reportedAt) })}</span>
          )}
        </dd>
      </div>
    </dl>
  );
}

/** The handling steps the reader may take next, and marking the incident concealed (or not). */
async function IncidentSteps({
  record,
  mayWrite,
  mayReview,
  mayConceal,
}: {
  record: IncidentRow;
  mayWrite: boolean;
  mayReview: boolean;
  mayConceal: boolean;
}) {
  const t = await getTranslations();
  const withdrawn = record.status === 'withdrawn';
  return (
    <div className="flex flex-wrap items-start gap-3">
      {mayWrite && record.status === 'reported' ? (
        <StepForm
          action={advanceIncidentAction}
          hidden={{ id: record.id, to: 'investigating' }}
          buttons={[{ label: t('recordWorkflow.investigate') }]}
          testId="investigate"
        />
      ) : null}
      {mayReview && record.status === 'investigating' ? (
        <StepForm
          action={advanceIncidentAction}
          hidden={{ id: record.id, to: 'closed' }}
          buttons={[{ label: t('recordWorkflow.close') }]}
          testId="close-incident"
        />
      ) : null}
      {mayConceal && !withdrawn ? (
        <StepForm
          action={concealIncidentAction}
          hidden={{ id: record.id, concealed: record.concealed ? 'false' : 'true' }}
          buttons={[{ label: t(record.concealed ? 'recordWorkflow.unconcealConfirm' : 'recordWorkflow.concealConfirm'), tone: 'danger' }]}
          confirm={{
            trigger: t(record.concealed ? 'recordWorkflow.unconceal' : 'recordWorkflow.conceal'),
            title: t(record.concealed ? 'recordWorkflow.unconcealTitle' : 'recordWorkflow.concealTitle'),
            body: t(record.concealed ? 'recordWorkflow.unconcealBody' : 'recordWorkflow.concealBody'),
            tone: 'danger',
          }}
          testId="conceal"
        />
      ) : null}
    </div>
  );
}
