import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { ratingHistory } from '@/db/queries/ratings';
import { unitProfile } from '@/db/queries/unit-profile';
import { listWarningEntries } from '@/db/queries/warning-list';
import { requireActor } from '@/lib/auth/current-actor';
import { localName, toLocale } from '@/lib/i18n/locales';
import { canManageRatings } from '@/lib/rating/permissions';
import { formatDateTime } from '@/lib/time';
import { DataTable } from '@/components/data-table';
import { LevelBadge } from '@/components/level-badge';
import { PageHeader } from '@/components/page-header';
import { Refusal } from '@/components/refusal';
import { scopeText } from '@/components/scope-text';
import { WarningListTable } from '@/components/ratings/warning-list-table';

export async function generateMetadata({ params }: { params: Promise<{ code: string }> }) {
  return { title: `${decodeURIComponent((await params).code)} · ${(await getTranslations('units'))('title')}` };
}

export default async function UnitPage({ params }: { params: Promise<{ code: string }> }) {
  const actor = await requireActor();
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const db = getDb();
  const profile = unitProfile(db, decodeURIComponent((await params).code));
  if (!profile || !(actor.scope.all || actor.scope.unitIds.includes(profile.unit.id))) {
    return actor.scope.all ? (
      <Refusal testId="not-found" title={t('errors.notFound')} body={t('refusal.notFoundBody')} homeLabel={t('refusal.home')} />
    ) : (
      <Refusal
        testId="refusal"
        title={t('refusal.title')}
        body={t('refusal.body', { scope: await scopeText(actor) })}
        homeLabel={t('refusal.home')}
      />
    );
  }
  const { unit, parent, branch, institute } = profile;
  const name = (u: { name: string; nameEn: string | null }) => localName(locale, u);
  const history = unit.kind === 'institute' ? ratingHistory(db, unit.id) : [];
  const entries = listWarningEntries(db, actor.scope, { unitIds: profile.subtree });

  return (
    <div className="max-w-5xl space-y-6">
      <Link href="/units" className="text-sm text-blue-700 hover:underline">
        ← {t('units.title')}
      </Link>
      <PageHeader title={name(unit)} subtitle={`${unit.code} · ${t(`unitKinds.${unit.kind}`)}`} />
      <dl className="grid grid-cols-1 gap-x-6 rounded-lg border border-gray-200 bg-white p-6 sm:grid-cols-2" data-testid="unit-facts">
        <Fact label={t('unitPage.code')}>
          <span className="font-mono">{unit.code}</span>
        </Fact>
        <Fact label={t('unitPage.kind')}>{t(`unitKinds.${unit.kind}`)}</Fact>
        <Fact label={t('unitPage.branch')}>{branch ? name(branch) : '—'}</Fact>
        <Fact label={t('unitPage.parent')}>{parent ? name(parent) : '—'}</Fact>
        {unit.kind === 'department' && institute ? (
          <Fact label={t('unitPage.institute')}>
            <Link href={`/units/${encodeURIComponent(institute.code)}`} className="text-blue-700 hover:underline">
              {name(institute)}
            </Link>
          </Fact>
        ) : null}
      </dl>

      {unit.kind === 'institute' ? (
        <section aria-labelledby="history-heading" className="space-y-2">
          <h2 id="history-heading" className="text-lg font-semibold">
            {t('unitPage.history')}
          </h2>
          {history.length === 0 ? (
            <p className="text-sm text-gray-500">{t('unitPage.noHistory')}</p>
          ) : (
            <DataTable
              testId="rating-history"
              columns={[
                { label: t('unitPage.year') },
                { label: t('ratings.level') },
                { label: t('ratings.points'), align: 'right' },
                { label: t('ratings.status') },
                { label: t('ratingDetail.ruleSet') },
                { label: t('ratingDetail.asOf') },
              ]}
            >
              {history.map((h) => (
                <tr key={h.year} className="border-t border-gray-100" data-year={h.year}>
                  <td className="px-4 py-2">
                    <Link href={`/ratings/${h.year}/${encodeURIComponent(unit.code)}`} className="text-blue-700 hover:underline">
                      {h.year}
                    </Link>
                  </td>
                  <td className="px-4 py-2">
                    <LevelBadge level={h.level} label={t(`levels.${h.level}`)} />
                  </td>
                  <td className="px-4 py-2 text-right tabular-nums">{h.points}</td>
                  <td className="px-4 py-2">{t(`ratings.statusWord.${h.status}`)}</td>
                  <td className="px-4 py-2 font-mono text-xs">{h.ruleSetVersion}</td>
                  <td className="px-4 py-2 text-xs tabular-nums">{formatDateTime(h.asOf)}</td>
                </tr>
              ))}
            </DataTable>
          )}
        </section>
      ) : unit.kind === 'department' && institute ? (
        <p className="text-sm text-gray-600">{t('unitPage.departmentNote', { institute: name(institute) })}</p>
      ) : null}

      <section aria-labelledby="entries-heading" className="space-y-2">
        <h2 id="entries-heading" className="text-lg font-semibold">
          {t('unitPage.warningEntries')}
        </h2>
        {entries.length === 0 ? (
          <p className="text-sm text-gray-500" data-testid="no-entries">
            {t('unitPage.noEntries')}
          </p>
        ) : (
          <WarningListTable entries={entries} manage={canManageRatings(actor.role)} testId="unit-warning-entries" />
        )}
      </section>
    </div>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="border-b border-gray-100 py-2">
      <dt className="text-xs text-gray-500">{label}</dt>
      <dd className="mt-0.5 text-sm">{children}</dd>
    </div>
  );
}
