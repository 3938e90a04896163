import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import type { Db } from '@/db/tx';
import type { Scope } from '@/domain/auth/actor';
import type { RecordKind } from '@/domain/records/kinds';
import { readRecord, recordHistory } from '@/db/records/read';
import { listDimensions, listDomains } from '@/db/reference/reference';
import { correctionsOfRecord } from '@/db/records/corrections';
import { canReview, canSubmitRecords } from '@/domain/auth/roles';
import { localName, toLocale } from '@/domain/i18n/locales';
import { reviewsAt, sealOf } from '@/domain/records/seal-rules';
import { overallRisk } from '@/domain/reference/risk-matrix';
import { canWithdraw } from '@/features/records/workflow';
import { PageHeader } from '@/components/page-header';
import { LevelBadge } from '@/components/level-badge';
import { AssessmentDimensions, levelWordsOf } from '@/components/records/assessment-dimensions';
import { CorrectionList } from '@/components/records/correction-list';
import { HistoryList } from '@/components/records/history-list';
import { RecordActions } from '@/components/records/record-actions';
import { RecordFields } from '@/components/records/record-fields';
import { RecordNotices } from '@/components/records/record-notices';
import { accessibleRecord } from './record-access';
import { kindPanel } from './kind-panel';

type Row = Record<string, unknown> & { id: number };
type Query = Record<string, string | string[] | undefined>;

const savedOf = (query: Query) =>
  typeof query.saved === 'string' && ['created', 'updated', 'unchanged', 'proposed'].includes(query.saved) ? query.saved : null;
const raisedFromOf = (query: Query) =>
  typeof query.raisedFrom === 'string' && /^[1-4]$/.test(query.raisedFrom) ? Number(query.raisedFrom) : null;

/** What the page shows beside the record, read together. */
async function besideRecord(db: Db, scope: Scope, kind: RecordKind, record: Row) {
  const [dimensions, domains, corrections, project, history] = await Promise.all([
    listDimensions(db),
    listDomains(db),
    correctionsOfRecord(db, scope, kind, record.id),
    typeof record.projectId === 'number' ? readRecord(db, scope, 'projects', record.projectId) : null,
    recordHistory(db, scope, kind, record.id),
  ]);
  return { dimensions, domains, corrections, project, history };
}

export default async function RecordDetailPage({
  params,
  searchParams,
}: {
  params: Promise<{ kind: string; id: string }>;
  searchParams: Promise<Query>;
}) {
  const { actor, kind, access } = await accessibleRecord(params);
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const db = getDb();
  const query = await searchParams;
  const named = (rows: { code: string; nameZh: string; nameEn: string | null }[]) =>
    rows.map((d) => ({ code: d.code, label: localName(locale, d) }));
  const record = access.record as Row;
  const { dimensions, domains, corrections, project, history } = await besideRecord(db, actor.scope, kind, record);
  const dimensionNames = named(dimensions);
  const status = String(record.status);
  const withdrawn = status === 'withdrawn';
  const mayWrite = canSubmitRecords(actor.role) && !withdrawn;
  const mayReview = canReview(actor.role) && !withdrawn;
  // A reviewed record is sealed (decision 023): only a reviewer of its level edits it; its unit proposes corrections.
  const seal = sealOf(kind, record);
  const decidesSeal = seal !== null && reviewsAt(actor.role, seal.level);
  const mayEdit = mayWrite && !(kind === 'assessments' && status === 'approved') && (!seal || decidesSeal);
  const panel = await kindPanel(db, actor, kind, record, { now: new Date(), raisedFrom: raisedFromOf(query), mayWrite, mayReview });
  const overall = access.dimensions ? overallRisk(access.dimensions) : null;
  const levelWords = await levelWordsOf();

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
      <RecordNotices
        kind={kind}
        id={record.id}
        saved={savedOf(query)}
        seal={seal}
        decidesSeal={decidesSeal}
        mayWrite={mayWrite}
        mayAccept={kind.startsWith('ethics-') && status === 'active' && mayReview}
        withdrawn={withdrawn}
      />
      {panel}
      <RecordFields
        record={record}
        unit={access.unit}
        project={project?.status === 'ok' ? (project.record as { id: number; externalId: string; title: string }) : null}
        domains={new Map(named(domains).map((d) => [d.code, d.label]))}
        dimensions={new Map(dimensionNames.map((d) => [d.code, d.label]))}
      />
      {access.dimensions ? <AssessmentDimensions dims={access.dimensions} reference={dimensionNames} /> : null}
      {seal || corrections.length ? (
        <section className="mt-6">
          <h2 className="mb-2 text-lg font-semibold">{t('corrections.title')}</h2>
          <CorrectionList rows={corrections} mayDecide={seal ? decidesSeal : mayReview} viewerId={actor.userId} />
        </section>
      ) : null}
      <section className="mt-6">
        <h2 className="mb-2 text-lg font-semibold">{t('history.title')}</h2>
        <HistoryList entries={history} />
      </section>
    </div>
  );
}
