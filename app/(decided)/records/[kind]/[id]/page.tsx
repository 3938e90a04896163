import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { displayNameOf, projectAssessments, readRecord, recordHistory } from '@/db/records/read';
import { listDimensions, listDomains } from '@/db/queries/reference';
import { activeRatingRuleSet } from '@/db/queries/rule-sets';
import { projects } from '@/db/schema';
import { canMarkConcealed, canReview, canSubmitRecords } from '@/domain/auth/roles';
import { localName, toLocale } from '@/domain/i18n/locales';
import { canWithdraw, missingStartGates, reassessmentState } from '@/features/records/workflow';
import { reviewsAt, sealOf } from '@/domain/records/seal-rules';
import { correctionsOfRecord } from '@/db/queries/corrections';
import { acceptEthicsAction } from '@/server/actions/workflow';
import { CorrectionList } from '@/components/records/correction-list';
import { StepForm } from '@/components/records/step-form';
import { formatDateTime } from '@/domain/time/shanghai';
import { PageHeader } from '@/components/page-header';
import { DataTable } from '@/components/data-table';
import { LevelBadge } from '@/components/level-badge';
import { AssessmentPanel } from '@/components/records/assessment-panel';
import { HazardPanel } from '@/components/records/hazard-panel';
import { HistoryList } from '@/components/records/history-list';
import { IncidentPanel } from '@/components/records/incident-panel';
import { Notice } from '@/components/records/panel';
import { ProjectPanel } from '@/components/records/project-panel';
import { RecordActions } from '@/components/records/record-actions';
import { RiskMatrixView } from '@/components/records/risk-matrix-view';
import { SavedNotice } from '@/components/records/saved-notice';
import { overallRisk, riskLevel } from '@/domain/reference/risk-matrix';
import type { Level } from '@/domain/reference/level-codes';
import { accessibleRecord } from './record-access';

// Internal keys a reader has no use for; the unit and project are shown by name instead.
const hidden = new Set([
  'id',
  'unitId',
  'instituteId',
  'createdBy',
  'decidedBy',
  'verifiedBy',
  'projectId',
  'externalId',
  'createdAt',
  'updatedAt',
]);

type Row = Record<string, unknown> & { id: number };

export default async function RecordDetailPage({
  params,
  searchParams,
}: {
  params: Promise<{ kind: string; id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { actor, kind, access } = await accessibleRecord(params);
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const db = getDb();

  const query = await searchParams;
  const saved =
    typeof query.saved === 'string' && ['created', 'updated', 'unchanged', 'proposed'].includes(query.saved) ? query.saved : null;
  const raisedFrom = typeof query.raisedFrom === 'string' && /^[1-4]$/.test(query.raisedFrom) ? Number(query.raisedFrom) : null;
  const now = new Date();
  const domains = new Map(listDomains(db).map((d) => [d.code, localName(locale, d)]));
  const dimensionRows = listDimensions(db);
  const dimensions = new Map(dimensionRows.map((d) => [d.code, localName(locale, d)]));
  const record = access.record as Row;
  const status = String(record.status);
  const withdrawn = status === 'withdrawn';
  const mayWrite = canSubmitRecords(actor.role) && !withdrawn;
  const mayReview = canReview(actor.role) && !withdrawn;
  // A reviewed record is sealed (decision 023): only a reviewer of its level edits it; its unit proposes corrections.
  const seal = sealOf(kind, record);
  const decidesSeal = seal !== null && reviewsAt(actor.role, seal.level);
  const mayEdit = mayWrite && !(kind === 'assessments' && status === 'approved') && (!seal || decidesSeal);
  const corrections = correctionsOfRecord(db, actor.scope, kind, record.id);
  const mayAccept = kind.startsWith('ethics-') && status === 'active' && mayReview;

  const show = (key: string, value: unknown): string => {
    if (value === null || value === undefined || value === '') return '—';
    if (value instanceof Date) return formatDateTime(value);
    if (typeof value === 'boolean') return value ? t('fields.yes') : t('fields.no');
    if (key === 'domain') return domains.get(String(value)) ?? String(value);
    if (key === 'dimension') return dimensions.get(String(value)) ?? String(value);
    if (key === 'status') return t(`status.${value}` as 'status.open');
    if (key === 'severity') return t(`severity.${value}` as 'severity.major');
    if (key === 'stage') return t(`stages.${value}` as 'stages.initiation');
    if (key === 'tier') return t(`tiers.${value}` as 'tiers.1');
    if (key === 'source' && t.has(`recordForms.sources.${value}`))
      return t(`recordForms.sources.${value}` as 'recordForms.sources.supervision');
    if (key === 'kind' && t.has(`recordForms.inspectionKinds.${value}`))
      return t(`recordForms.inspectionKinds.${value}` as 'recordForms.inspectionKinds.supervision');
    if (typeof value === 'number') return value.toLocaleString('en-US');
    return String(value);
  };
  // Bookkeeping last: what the record says first, when it was entered after.
  const entries = [
    ...Object.entries(record).filter(([key]) => !hidden.has(key)),
    ['createdAt', record.createdAt],
    ['updatedAt', record.updatedAt],
  ] as [string, unknown][];
  const project = typeof record.projectId === 'number' ? readRecord(db, actor.scope, 'projects', record.projectId) : null;
  const dims = access.dimensions ?? [];
  const overall = access.dimensions ? overallRisk(dims) : null;
  const levelWords = (level: Level) => t('records.levelWords', { risk: t(`riskLevels.${level}`), colour: t(`levels.${level}`) });
  // Dimensions in the reference order, numbered as the matrix shows them.
  const numbered = dimensionRows
    .map((ref) => dims.find((d) => d.dimension === ref.code))
    .filter((d): d is (typeof dims)[number] => Boolean(d))
    .map((d, i) => ({ ...d, n: i + 1, label: dimensions.get(d.dimension) ?? d.dimension }));

  let panel: React.ReactNode = null;
  if (kind === 'assessments') {
    panel = <AssessmentPanel record={record as never} mayWrite={mayWrite} mayReview={mayReview} />;
  } else if (kind === 'projects') {
    const row = record as unknown as typeof projects.$inferSelect;
    panel = (
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
  } else if (kind === 'hazards') {
    panel = (
      <HazardPanel
        record={record as never}
        verifier={typeof record.verifiedBy === 'number' ? displayNameOf(db, record.verifiedBy) : null}
        now={now}
        mayWrite={mayWrite}
        mayReview={mayReview}
      />
    );
  } else if (kind === 'incidents') {
    panel = (
      <IncidentPanel
        record={record as never}
        raisedFrom={raisedFrom}
        thresholds={activeRatingRuleSet(db).incidents.tierThresholds}
        mayWrite={mayWrite}
        mayReview={mayReview}
        mayConceal={canMarkConcealed(actor.role)}
      />
    );
  }

  return (
    <div className="max-w-5xl">
      <Link href={`/records/${kind}`} className="text-sm text-blue-700 hover:underline">
        ← {t('records.back')}
      </Link>
      <PageHeader title={`${t(`kindOne.${kind}`)} ${String(record.externalId)}`} subtitle={localName(locale, access.unit)}>
        <div className="flex flex-col items-end gap-2">
          <RecordActions kind={kind} id={record.id} mayEdit={mayEdit} mayWithdraw={canWithdraw(actor.role, kind, record)} />
          {overall ? (
            <p className="text-sm text-gray-600" data-testid="overall-risk">
              {t('records.overall')}
              {t('recordForms.colon')}
              <LevelBadge level={overall.level} label={levelWords(overall.level)} detail={`R=${overall.score}`} />
            </p>
          ) : null}
        </div>
      </PageHeader>
      <div className="mb-4 space-y-2">
        {saved ? <SavedNotice>{t(`recordForms.saved.${saved}` as 'recordForms.saved.created')}</SavedNotice> : null}
        {seal && !withdrawn ? (
          <Notice tone="info" testId="sealed">
            {t('corrections.sealedNotice', { state: t(`corrections.states.${seal.state}` as 'corrections.states.closed') })}{' '}
            {decidesSeal ? t('corrections.sealedReviewer') : null}
            {mayWrite ? (
              <Link
                href={`/records/${kind}/${record.id}/correct`}
                className="ml-2 font-medium text-blue-700 hover:underline"
                data-testid="propose-correction"
              >
                {t('corrections.propose')}
              </Link>
            ) : null}
          </Notice>
        ) : null}
        {mayAccept ? (
          <StepForm
            action={acceptEthicsAction}
            hidden={{ id: record.id, kind }}
            buttons={[{ label: t('corrections.acceptEthics') }]}
            testId="accept-ethics"
          />
        ) : null}
        {withdrawn ? (
          <Notice tone="warn" testId="withdrawn">
            {t('recordWorkflow.withdrawnNotice')}
          </Notice>
        ) : null}
      </div>
      {panel}
      <dl className="grid grid-cols-1 gap-x-6 rounded-lg border border-gray-200 bg-white p-6 sm:grid-cols-2" data-testid="record-detail">
        <div className="border-b border-gray-100 py-2">
          <dt className="text-xs text-gray-500">{t('fields.unit')}</dt>
          <dd className="text-sm">
            {localName(locale, access.unit)}（{access.unit.code}）
          </dd>
        </div>
        {project?.status === 'ok' ? (
          <div className="border-b border-gray-100 py-2">
            <dt className="text-xs text-gray-500">{t('records.project')}</dt>
            <dd className="text-sm">
              <Link href={`/records/projects/${String(project.record.id)}`} className="text-blue-700 hover:underline">
                {String(project.record.externalId)} {String(project.record.title)}
              </Link>
            </dd>
          </div>
        ) : null}
        {entries.map(([key, value]) => (
          <div key={key} className="border-b border-gray-100 py-2">
            <dt className="text-xs text-gray-500">{t.has(`fields.${key}`) ? t(`fields.${key}` as 'fields.title') : key}</dt>
            <dd className="whitespace-pre-wrap text-sm">{show(key, value)}</dd>
          </div>
        ))}
      </dl>
      {access.dimensions ? (
        <section className="mt-6 space-y-4">
          <h2 className="text-lg font-semibold">{t('records.dimensions')}</h2>
          {numbered.length === 0 ? (
            <p className="text-sm text-gray-500">{t('recordWorkflow.noDimensions')}</p>
          ) : (
            <>
              <RiskMatrixView placed={numbered.map((d) => ({ n: d.n, label: d.label, likelihood: d.likelihood, impact: d.impact }))} />
              <DataTable
                testId="assessment-dimensions"
                columns={[
                  { label: '#' },
                  { label: t('fields.dimension') },
                  { label: t('records.likelihood'), align: 'right' },
                  { label: t('records.impact'), align: 'right' },
                  { label: t('records.score'), align: 'right' },
                  { label: t('records.level') },
                  { label: t('recordForms.dimension.riskPoints') },
                  { label: t('recordForms.dimension.consequences') },
                  { label: t('records.measures') },
                ]}
              >
                {numbered.map((d) => (
                  <tr key={d.id} className="border-t border-gray-100 align-top">
                    <td className="px-4 py-2 font-bold tabular-nums">{d.n}</td>
                    <td className="px-4 py-2">{d.label}</td>
                    <td className="px-4 py-2 text-right tabular-nums">{d.likelihood}</td>
                    <td className="px-4 py-2 text-right tabular-nums">{d.impact}</td>
                    <td className="px-4 py-2 text-right font-semibold tabular-nums">{d.likelihood * d.impact}</td>
                    <td className="px-4 py-2">
                      <LevelBadge level={riskLevel(d.likelihood * d.impact)} label={levelWords(riskLevel(d.likelihood * d.impact))} />
                    </td>
                    <td className="px-4 py-2">{d.riskPoints}</td>
                    <td className="px-4 py-2">{d.consequences}</td>
                    <td className="px-4 py-2">{d.measures}</td>
                  </tr>
                ))}
              </DataTable>
            </>
          )}
        </section>
      ) : null}
      {seal || corrections.length ? (
        <section className="mt-6">
          <h2 className="mb-2 text-lg font-semibold">{t('corrections.title')}</h2>
          <CorrectionList rows={corrections} mayDecide={seal ? decidesSeal : mayReview} viewerId={actor.userId} />
        </section>
      ) : null}
      <section className="mt-6">
        <h2 className="mb-2 text-lg font-semibold">{t('history.title')}</h2>
        <HistoryList entries={recordHistory(db, actor.scope, kind, record.id)} />
      </section>
    </div>
  );
}
