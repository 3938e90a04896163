import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { localName, toLocale } from '@/domain/i18n/locales';
import { formatDateTime } from '@/domain/time/shanghai';

type T = Awaited<ReturnType<typeof getTranslations>>;

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

/** One stored value as a reader reads it: codes by name, instants in Beijing time, '—' for nothing. */
function shown(t: T, names: { domains: Map<string, string>; dimensions: Map<string, string> }, key: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (value instanceof Date) return formatDateTime(value);
  if (typeof value === 'boolean') return value ? t('fields.yes') : t('fields.no');
  if (key === 'domain') return names.domains.get(String(value)) ?? String(value);
  if (key === 'dimension') return names.dimensions.get(String(value)) ?? String(value);
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
}

/** Every field of a record, its unit and project by name first and its bookkeeping last. */
export async function RecordFields({
  record,
  unit,
  project,
  domains,
  dimensions,
}: {
  record: Record<string, unknown>;
  unit: { code: string; name: string; nameEn: string | null };
  project: { id: number; externalId: string; title: string } | null;
  /** Names by code in the reader's language. */
  domains: Map<string, string>;
  dimensions: Map<string, string>;
}) {
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  // Bookkeeping last: what the record says first, when it was entered after.
  const entries = [
    ...Object.entries(record).filter(([key]) => !hidden.has(key)),
    ['createdAt', record.createdAt],
    ['updatedAt', record.updatedAt],
  ] as [string, unknown][];
  return (
    <dl className="grid grid-cols-1 gap-x-6 rounded-lg border border-gray-200 bg-white p-6 sm:grid-cols-2" data-testid="record-detail">
      <div className="border-b border-gray-100 py-2">
        <dt className="text-xs text-gray-500">{t('fields.unit')}</dt>
        <dd className="text-sm">
          {localName(locale, unit)}（{unit.code}）
        </dd>
      </div>
      {project ? (
        <div className="border-b border-gray-100 py-2">
          <dt className="text-xs text-gray-500">{t('records.project')}</dt>
          <dd className="text-sm">
            <Link href={`/records/projects/${project.id}`} className="text-blue-700 hover:underline">
              {project.externalId} {project.title}
            </Link>
          </dd>
        </div>
      ) : null}
      {entries.map(([key, value]) => (
        <div key={key} className="border-b border-gray-100 py-2">
          <dt className="text-xs text-gray-500">{t.has(`fields.${key}`) ? t(`fields.${key}` as 'fields.title') : key}</dt>
          <dd className="whitespace-pre-wrap text-sm">{shown(t, { domains, dimensions }, key, value)}</dd>
        </div>
      ))}
    </dl>
  );
}
