import { getTranslations } from 'next-intl/server';
import { recordKindCodes } from '@/db/records/record-kinds';
import { requireActor } from '@/server/auth/current-actor';
import { canSubmitRecords } from '@/domain/auth/roles';
import { DEFAULT_LIMITS } from '@/platform/spreadsheets/read/read-table';
import { PageHeader } from '@/components/page-header';
import { Refusal } from '@/components/refusal';
import { ImportPanel } from '@/components/intake/import-panel';

export async function generateMetadata() {
  return { title: (await getTranslations('importPage'))('title') };
}

export default async function ImportPage() {
  const actor = await requireActor();
  const t = await getTranslations();
  if (!canSubmitRecords(actor.role))
    return <Refusal testId="refusal" title={t('importPage.title')} body={t('importPage.readOnly')} homeLabel={t('refusal.home')} />;
  const kinds = recordKindCodes.map((code) => ({ code, label: t(`kinds.${code}`) }));
  return (
    <div className="max-w-5xl space-y-6">
      <PageHeader
        title={t('importPage.title')}
        subtitle={t('importPage.subtitle', {
          maxMb: DEFAULT_LIMITS.maxBytes / 1024 / 1024,
          maxRows: DEFAULT_LIMITS.maxRows.toLocaleString('en-US'),
        })}
      />
      <section className="rounded-lg border border-gray-200 bg-white p-4 text-sm">
        <h2 className="font-semibold">{t('importPage.templates')}</h2>
        <p className="mt-1 text-gray-600">{t('importPage.templatesHint')}</p>
        <ul className="mt-3 grid gap-2 sm:grid-cols-2">
          {kinds.map((k) => (
            <li key={k.code} className="flex items-center justify-between rounded border border-gray-100 px-3 py-2">
              <span>{k.label}</span>
              <span className="space-x-3">
                <a className="text-blue-700 hover:underline" href={`/intake/import/template?kind=${k.code}&format=xlsx`}>
                  XLSX
                </a>
                <a className="text-blue-700 hover:underline" href={`/intake/import/template?kind=${k.code}&format=csv`}>
                  CSV
                </a>
              </span>
            </li>
          ))}
        </ul>
      </section>
      <ImportPanel kinds={kinds} />
    </div>
  );
}
