import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { readRecord } from '@/db/queries/records';
import { isRecordKind } from '@/db/queries/record-kinds';
import { listDimensions, listDomains } from '@/db/queries/reference';
import { requireActor } from '@/lib/auth/current-actor';
import { localName, toLocale } from '@/lib/i18n/locales';
import { formatDateTime } from '@/lib/time';
import { PageHeader } from '@/components/page-header';
import { scopeText } from '@/components/scope-text';
import { Refusal } from '@/components/refusal';
import { DataTable } from '@/components/data-table';
import { LevelBadge } from '@/components/level-badge';
import { overallRisk, riskLevel } from '@/lib/reference/risk-matrix';
import type { Level } from '@/lib/reference/level-codes';

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

export default async function RecordDetailPage({ params }: { params: Promise<{ kind: string; id: string }> }) {
  const actor = await requireActor();
  const { kind, id } = await params;
  if (!isRecordKind(kind) || !/^\d{1,15}$/.test(id)) notFound();
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const db = getDb();
  const access = readRecord(db, actor.scope, kind, Number(id));
  const scope = await scopeText(actor);

  if (access.status === 'forbidden') {
    return <Refusal testId="refusal" title={t('refusal.title')} body={t('refusal.body', { scope })} homeLabel={t('refusal.home')} />;
  }
  if (access.status === 'missing') {
    return <Refusal testId="not-found" title={t('refusal.notFoundTitle')} body={t('refusal.notFoundBody')} homeLabel={t('refusal.home')} />;
  }

  const domains = new Map(listDomains(db).map((d) => [d.code, localName(locale, d)]));
  const dimensions = new Map(listDimensions(db).map((d) => [d.code, localName(locale, d)]));
  const record = access.record;
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
  const overall = access.dimensions ? overallRisk(access.dimensions) : null;
  const levelWords = (level: Level) => t('records.levelWords', { risk: t(`riskLevels.${level}`), colour: t(`levels.${level}`) });

  return (
    <div className="max-w-4xl">
      <Link href={`/records/${kind}`} className="text-sm text-blue-700 hover:underline">
        ← {t('records.back')}
      </Link>
      <PageHeader title={`${t(`kindOne.${kind}`)} ${String(record.externalId)}`} subtitle={localName(locale, access.unit)}>
        {overall ? (
          <p className="text-sm text-gray-600" data-testid="overall-risk">
            {t('records.overall')}：<LevelBadge level={overall.level} label={levelWords(overall.level)} detail={`R=${overall.score}`} />
          </p>
        ) : null}
      </PageHeader>
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
      {access.dimensions && access.dimensions.length > 0 ? (
        <section className="mt-6">
          <h2 className="mb-2 text-lg font-semibold">{t('records.dimensions')}</h2>
          <DataTable
            testId="assessment-dimensions"
            columns={[
              { label: t('fields.dimension') },
              { label: t('records.likelihood'), align: 'right' },
              { label: t('records.impact'), align: 'right' },
              { label: t('records.score'), align: 'right' },
              { label: t('records.level') },
              { label: t('records.measures') },
            ]}
          >
            {access.dimensions.map((d) => (
              <tr key={d.id} className="border-t border-gray-100">
                <td className="px-4 py-2">{dimensions.get(d.dimension) ?? d.dimension}</td>
                <td className="px-4 py-2 text-right tabular-nums">{d.likelihood}</td>
                <td className="px-4 py-2 text-right tabular-nums">{d.impact}</td>
                <td className="px-4 py-2 text-right font-semibold tabular-nums">{d.likelihood * d.impact}</td>
                <td className="px-4 py-2">
                  <LevelBadge level={riskLevel(d.likelihood * d.impact)} label={levelWords(riskLevel(d.likelihood * d.impact))} />
                </td>
                <td className="px-4 py-2">{d.measures}</td>
              </tr>
            ))}
          </DataTable>
        </section>
      ) : null}
    </div>
  );
}
