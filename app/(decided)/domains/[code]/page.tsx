import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { requireActor } from '@/server/auth/current-actor';
import { recordsHref } from '@/domain/dashboards/drill';
import { dueText } from '@/features/dashboards/domain-tables';
import {
  daysOverdue,
  domainView,
  findDomain,
  loadDomainFigures,
  loadDomainLevels,
  loadDomainOpenMajor,
  loadDomainRanking,
  loadDomainSerious,
  loadDomainTrend,
} from '@/features/dashboards/domain-view';
import { toSearchParams } from '@/domain/auth/narrow-scope';
import { localName, toLocale } from '@/domain/i18n/locales';
import { levels, type Level } from '@/domain/reference/level-codes';
import { formatDate, formatDateTime } from '@/domain/time/shanghai';
import { DataTable } from '@/components/data-table';
import { PageHeader } from '@/components/page-header';
import { scopeText } from '@/components/scope-text';
import { StatusBadge } from '@/components/status-badge';
import { ChartCard } from '@/components/export/chart-card';
import { ExportXlsxLink } from '@/components/export/export-xlsx-link';
import { DomainTrendChart } from '@/components/charts/domain-trend-chart';
import { CountLink, Figure } from '@/components/dashboards/figure';
import { LevelBars } from '@/components/dashboards/level-bars';
import { YearBranchFilter } from '@/components/dashboards/year-branch-filter';
import { YearOutsideRange, withYear, yearOutside } from '@/components/year-outside-range';

export async function generateMetadata({ params }: { params: Promise<{ code: string }> }) {
  const domain = findDomain(getDb(), decodeURIComponent((await params).code));
  const locale = toLocale(await getLocale());
  return { title: `${domain ? localName(locale, domain) : ''} · ${(await getTranslations('nav'))('domains')}` };
}

export default async function DomainPage({
  params,
  searchParams,
}: {
  params: Promise<{ code: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireActor();
  const db = getDb();
  const domain = findDomain(db, decodeURIComponent((await params).code));
  if (!domain) notFound();
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const now = new Date();
  const raw = await searchParams;
  const outside = yearOutside(raw.year);
  if (outside !== null)
    return (
      <YearOutsideRange
        title={localName(locale, domain)}
        given={outside}
        hrefFor={(y) => withYear(`/domains/${encodeURIComponent(domain.code)}`, raw, y)}
      />
    );
  const view = domainView(db, actor, toSearchParams(raw), now);
  const { year } = view;
  const unit = view.branch?.code;
  const keep = { domain: domain.code, year: String(year), branch: unit };
  const pageHref = (extra = '') =>
    `/domains/${encodeURIComponent(domain.code)}?year=${year}${unit ? `&branch=${encodeURIComponent(unit)}` : ''}${extra}`;
  const drill = { domain: domain.code, unit };
  const name = localName(locale, domain);

  const figures = loadDomainFigures(db, view, domain, now);
  const trend = loadDomainTrend(db, view, domain, now);
  const ranking = loadDomainRanking(db, view, domain);
  const serious = loadDomainSerious(db, view, domain);
  const openMajor = loadDomainOpenMajor(db, view, domain);
  const mix = loadDomainLevels(db, view, domain);
  const series: [string, string] = [t('domains.seriesIncidents'), t('domains.seriesHazards')];
  const trendData = trend.map((p) => ({ month: p.month, [series[0]]: p.incidents, [series[1]]: p.hazards }));
  const trendEmpty = trend.every((p) => p.incidents + p.hazards === 0);
  const word = (l: Level) => t(`levels.${l}`);

  return (
    <div className="space-y-5">
      <Link
        prefetch={false}
        href={`/domains?year=${year}${unit ? `&branch=${encodeURIComponent(unit)}` : ''}`}
        className="text-sm text-blue-700 hover:underline"
      >
        ← {t('domains.title')}
      </Link>
      <PageHeader
        title={name}
        subtitle={t('domains.subtitle', { year, scope: view.branch ? localName(locale, view.branch) : await scopeText(actor) })}
      />
      <YearBranchFilter
        action={`/domains/${encodeURIComponent(domain.code)}`}
        years={view.years}
        year={year}
        branches={view.branches.map((b) => ({ code: b.code, label: localName(locale, b) }))}
        branch={unit}
        labels={{
          legend: t('domains.filters'),
          year: t('domains.year'),
          branch: t('domains.branch'),
          allBranches: t('domains.allBranches'),
          apply: t('domains.apply'),
          reset: t('domains.reset'),
        }}
      />

      <section className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-5" aria-label={t('domains.figures')}>
        <Figure
          label={t('domains.figIncidents', { year })}
          value={figures.incidents}
          href={recordsHref('incidents', { ...drill, year, state: 'current' })}
          testId="fig-incidents"
        />
        <Figure
          label={t('domains.figSerious', { year })}
          value={figures.serious}
          href={recordsHref('incidents', { ...drill, year, state: 'current', tier: 'serious' })}
          testId="fig-serious"
          accent="text-orange-700"
        />
        <Figure
          label={t('domains.figHazards', { year })}
          value={figures.hazards}
          href={recordsHref('hazards', { ...drill, year, state: 'current' })}
          testId="fig-hazards"
        />
        <Figure
          label={t('domains.figOpenMajor')}
          value={figures.openMajor}
          href={recordsHref('hazards', { ...drill, severity: 'major', state: 'open' })}
          testId="fig-open-major"
          accent="text-red-700"
          note={t('domains.overdueNote', { n: figures.overdueMajor })}
        />
        <Figure label={t('domains.figUnits', { year })} value={figures.units} href="#units" testId="fig-units" />
      </section>

      <ChartCard
        title={t('domains.trendTitle', { domain: name })}
        subtitle={t('domains.trendHint', { from: trend[0]?.month ?? '', to: trend[trend.length - 1]?.month ?? '' })}
        fileName={`${domain.code}-trend-${year}`}
        testId="trend-card"
      >
        {trendEmpty ? (
          <p className="rounded-md bg-gray-50 p-6 text-center text-sm text-gray-500">{t('domains.trendEmpty')}</p>
        ) : (
          <DomainTrendChart data={trendData} series={series} />
        )}
      </ChartCard>

      <section id="units" className="space-y-2" aria-labelledby="units-heading">
        <div className="flex flex-wrap items-end justify-between gap-2">
          <div>
            <h2 id="units-heading" className="text-lg font-semibold">
              {t('domains.unitsHeading', { year })}
            </h2>
            <p className="text-xs text-gray-500">{t('domains.unitsHint')}</p>
          </div>
          <ExportXlsxLink table="domain-units" params={{ ...keep, units: view.allUnits ? 'all' : undefined }} />
        </div>
        {ranking.total === 0 ? (
          <Empty text={t('domains.unitsEmpty', { year })} testId="units-empty" />
        ) : (
          <DataTable
            compact
            testId="domain-units"
            columns={[
              { label: t('domains.rank'), align: 'right' },
              { label: t('domains.unit') },
              { label: t('domains.branch') },
              { label: t('domains.points'), align: 'right' },
              { label: t('domains.incidents'), align: 'right' },
              { label: t('domains.serious'), align: 'right' },
              { label: t('domains.hazards'), align: 'right' },
              { label: t('domains.openMajor'), align: 'right' },
            ]}
          >
            {ranking.rows.map((u, i) => {
              const at = { ...drill, unit: u.code };
              return (
                <tr key={u.instituteId} className="border-t border-gray-100 hover:bg-gray-50" data-unit={u.code}>
                  <td className="px-3 py-2 text-right tabular-nums text-gray-500">{i + 1}</td>
                  <td className="px-3 py-2">
                    <Link prefetch={false} href={`/units/${encodeURIComponent(u.code)}`} className="text-blue-700 hover:underline">
                      {localName(locale, u)}
                    </Link>
                    <span className="ml-2 font-mono text-xs text-gray-500">{u.code}</span>
                  </td>
                  <td className="px-3 py-2 text-gray-700">
                    {u.branchCode ? localName(locale, { name: u.branchName, nameEn: u.branchNameEn }) : '—'}
                  </td>
                  <td className="px-3 py-2 text-right font-semibold tabular-nums">{u.points}</td>
                  <td className="px-3 py-2 text-right">
                    <CountLink n={u.incidents} href={recordsHref('incidents', { ...at, year, state: 'current' })} />
                  </td>
                  <td className="px-3 py-2 text-right">
                    <CountLink n={u.serious} strong href={recordsHref('incidents', { ...at, year, state: 'current', tier: 'serious' })} />
                  </td>
                  <td className="px-3 py-2 text-right">
                    <CountLink n={u.hazards} href={recordsHref('hazards', { ...at, year, state: 'current' })} />
                  </td>
                  <td className="px-3 py-2 text-right">
                    <CountLink n={u.openMajor} strong href={recordsHref('hazards', { ...at, severity: 'major', state: 'open' })} />
                  </td>
                </tr>
              );
            })}
          </DataTable>
        )}
        {ranking.total > ranking.rows.length ? (
          <p className="text-xs text-gray-600">
            {t('domains.shown', { shown: ranking.rows.length, total: ranking.total })}{' '}
            <Link prefetch={false} href={pageHref('&units=all#units')} className="text-blue-700 hover:underline" data-testid="units-all">
              {t('domains.unitsAll', { total: ranking.total })}
            </Link>
          </p>
        ) : null}
      </section>

      <div className="grid gap-5 2xl:grid-cols-2">
        <section className="min-w-0 space-y-2" aria-labelledby="serious-heading">
          <div className="flex flex-wrap items-end justify-between gap-2">
            <h2 id="serious-heading" className="text-lg font-semibold">
              {t('domains.seriousHeading', { year })}
            </h2>
            <ExportXlsxLink table="domain-serious" params={keep} />
          </div>
          {serious.total === 0 ? (
            <Empty text={t('domains.seriousEmpty', { year })} testId="serious-empty" />
          ) : (
            <>
              <DataTable
                compact
                testId="domain-serious"
                columns={[
                  { label: t('domains.reference') },
                  { label: t('domains.unit') },
                  { label: t('domains.occurred') },
                  { label: t('domains.tier') },
                  { label: t('domains.status') },
                ]}
              >
                {serious.rows.map((r) => (
                  <tr key={r.id} className="border-t border-gray-100" data-tier={r.tier}>
                    <td className="px-3 py-2 font-mono text-xs">
                      <Link prefetch={false} href={`/records/incidents/${r.id}`} className="text-blue-700 hover:underline">
                        {r.externalId}
                      </Link>
                    </td>
                    <td className="px-3 py-2">{localName(locale, { name: r.unitName, nameEn: r.unitNameEn })}</td>
                    <td className="whitespace-nowrap px-3 py-2 tabular-nums">{formatDateTime(r.occurredAt)}</td>
                    <td className={`whitespace-nowrap px-3 py-2 font-medium ${r.tier <= 2 ? 'text-red-800' : 'text-orange-800'}`}>
                      {t(`tiers.${r.tier}` as 'tiers.1')}
                    </td>
                    <td className="whitespace-nowrap px-3 py-2">
                      <StatusBadge status={r.status} label={t(`status.${r.status}` as 'status.open')} />
                    </td>
                  </tr>
                ))}
              </DataTable>
              <ShowAll
                shown={serious.rows.length}
                total={serious.total}
                href={recordsHref('incidents', { ...drill, year, state: 'current', tier: 'serious' })}
                t={t}
              />
            </>
          )}
        </section>

        <section className="min-w-0 space-y-2" aria-labelledby="open-major-heading">
          <div className="flex flex-wrap items-end justify-between gap-2">
            <div>
              <h2 id="open-major-heading" className="text-lg font-semibold">
                {t('domains.openMajorHeading')}
              </h2>
              <p className="text-xs text-gray-500">{t('domains.openMajorHint')}</p>
            </div>
            <ExportXlsxLink table="domain-open-major" params={keep} />
          </div>
          {openMajor.total === 0 ? (
            <Empty text={t('domains.openMajorEmpty')} testId="open-major-empty" />
          ) : (
            <>
              <DataTable
                compact
                testId="domain-open-major"
                columns={[
                  { label: t('domains.reference') },
                  { label: t('domains.unit') },
                  { label: t('domains.due') },
                  { label: t('domains.dueState') },
                ]}
              >
                {openMajor.rows.map((r) => {
                  const days = daysOverdue(r.dueAt, now);
                  return (
                    <tr key={r.id} className="border-t border-gray-100" data-days={days}>
                      <td className="px-3 py-2 font-mono text-xs">
                        <Link prefetch={false} href={`/records/hazards/${r.id}`} className="text-blue-700 hover:underline">
                          {r.externalId}
                        </Link>
                      </td>
                      <td className="px-3 py-2">{localName(locale, { name: r.unitName, nameEn: r.unitNameEn })}</td>
                      <td className="whitespace-nowrap px-3 py-2 tabular-nums">{formatDate(r.dueAt)}</td>
                      <td className={`whitespace-nowrap px-3 py-2 font-medium ${days > 0 ? 'text-red-800' : 'text-gray-700'}`}>
                        {dueText(days, locale)}
                      </td>
                    </tr>
                  );
                })}
              </DataTable>
              <ShowAll
                shown={openMajor.rows.length}
                total={openMajor.total}
                href={recordsHref('hazards', { ...drill, severity: 'major', state: 'open' })}
                t={t}
              />
            </>
          )}
        </section>
      </div>

      <ChartCard
        title={t('domains.levelsTitle', { year })}
        subtitle={t('domains.levelsHint')}
        fileName={`${domain.code}-levels-${year}`}
        testId="levels-card"
        actions={<ExportXlsxLink table="domain-levels" params={keep} />}
      >
        {levels.every((l) => mix[l] === 0) ? (
          <p className="rounded-md bg-gray-50 p-6 text-center text-sm text-gray-500" data-testid="levels-empty">
            {t('domains.levelsEmpty', { year })}
          </p>
        ) : (
          <div className="max-w-xl">
            <LevelBars
              counts={mix}
              labels={Object.fromEntries(levels.map((l) => [l, word(l)])) as Record<Level, string>}
              hrefFor={(level) => recordsHref('assessments', { ...drill, year, status: 'approved', level })}
              testId="level-mix"
            />
          </div>
        )}
      </ChartCard>
    </div>
  );
}

function Empty({ text, testId }: { text: string; testId: string }) {
  return (
    <p className="rounded-lg border border-dashed border-gray-300 bg-white p-6 text-center text-sm text-gray-600" data-testid={testId}>
      {text}
    </p>
  );
}

function ShowAll({
  shown,
  total,
  href,
  t,
}: {
  shown: number;
  total: number;
  href: string;
  t: Awaited<ReturnType<typeof getTranslations>>;
}) {
  if (total <= shown) return null;
  return (
    <p className="text-xs text-gray-600">
      {t('domains.shown', { shown, total })}{' '}
      <Link prefetch={false} href={href} className="text-blue-700 hover:underline" data-testid="show-all">
        {t('domains.showAll', { total })}
      </Link>
    </p>
  );
}
