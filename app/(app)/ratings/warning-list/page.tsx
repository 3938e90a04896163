import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { listUnitsInScope } from '@/db/units/units';
import { listWarningEntries } from '@/db/rating/warning-list';
import { requireActor } from '@/server/auth/current-actor';
import { localName, toLocale } from '@/domain/i18n/locales';
import { canManageRatings } from '@/domain/auth/rating-permissions';
import { PageHeader } from '@/components/page-header';
import { scopeText } from '@/components/scope-text';
import { AddWarningEntryForm } from '@/components/ratings/add-warning-entry-form';
import { WarningListTable } from '@/components/ratings/warning-list-table';

export async function generateMetadata() {
  return { title: (await getTranslations('warningList'))('title') };
}

const statuses = ['proposed', 'confirmed', 'lifted'] as const;
const querySchema = z.object({ status: z.enum(statuses).optional().catch(undefined) });

export default async function WarningListPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor();
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const db = getDb();
  const { status } = querySchema.parse(await searchParams);
  const entries = await listWarningEntries(db, actor.scope, { status });
  const manage = canManageRatings(actor.role);
  const units = manage
    ? (await listUnitsInScope(db, actor.scope))
        .filter((u) => u.kind === 'institute' || u.kind === 'department')
        .map((u) => ({ code: u.code, label: `${'　'.repeat(u.kind === 'department' ? 1 : 0)}${localName(locale, u)} (${u.code})` }))
    : [];
  const tab = (value: (typeof statuses)[number] | undefined, label: string) => (
    <Link
      key={value ?? 'all'}
      href={value ? `/ratings/warning-list?status=${value}` : '/ratings/warning-list'}
      aria-current={status === value ? 'page' : undefined}
      className={`rounded-md px-3 py-1 text-sm ${status === value ? 'bg-gray-900 text-white' : 'border border-gray-300 bg-white text-gray-700 hover:bg-gray-100'}`}
    >
      {label}
    </Link>
  );

  return (
    <div className="max-w-6xl space-y-5">
      <Link href="/ratings" className="text-sm text-blue-700 hover:underline">
        ← {t('ratings.title')}
      </Link>
      <PageHeader title={t('warningList.title')} subtitle={`${t('warningList.subtitle')} · ${await scopeText(actor)}`} />
      <nav aria-label={t('warningList.filterStatus')} className="flex flex-wrap gap-2">
        {tab(undefined, t('warningList.all'))}
        {statuses.map((s) => tab(s, t(`warningList.statusWord.${s}`)))}
      </nav>
      {entries.length === 0 ? (
        <p
          className="rounded-lg border border-dashed border-gray-300 bg-white p-8 text-center text-gray-700"
          data-testid="warning-list-empty"
        >
          {t('warningList.empty')}
        </p>
      ) : (
        <WarningListTable entries={entries} manage={manage} testId="warning-list" />
      )}
      {manage ? (
        <section className="rounded-lg border border-gray-200 bg-white p-4" aria-labelledby="add-entry-heading">
          <h2 id="add-entry-heading" className="font-medium">
            {t('warningList.addTitle')}
          </h2>
          <p className="mb-3 text-sm text-gray-500">{t('warningList.addHint')}</p>
          <AddWarningEntryForm
            units={units}
            labels={{
              unit: t('warningList.unit'),
              selectUnit: t('warningList.selectUnit'),
              personName: t('warningList.personName'),
              reason: t('warningList.reasonLabel'),
              submit: t('warningList.addSubmit'),
              done: t('warningList.addDone'),
            }}
          />
        </section>
      ) : (
        <p className="text-sm text-gray-500">{t('warningList.readOnly')}</p>
      )}
    </div>
  );
}
