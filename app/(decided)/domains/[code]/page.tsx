import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { requireActor } from '@/server/auth/current-actor';
import {
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
import { PageHeader } from '@/components/page-header';
import { scopeText } from '@/components/scope-text';
import { DomainFilter } from '@/components/domains/domain-filter';
import { YearOutsideRange, withYear, yearOutside } from '@/components/year-outside-range';
import { DomainFigures } from '@/components/domains/domain-figures';
import { DomainLevelsCard, DomainTrendCard } from '@/components/domains/domain-charts';
import { DomainRanking } from '@/components/domains/domain-ranking';
import { DomainSeriousIncidents } from '@/components/domains/serious-incidents';
import { DomainOpenMajorHazards } from '@/components/domains/open-major-hazards';
import type { DomainWhere } from '@/components/domains/where';

export async function generateMetadata({ params }: { params: Promise<{ code: string }> }) {
  const domain = await findDomain(getDb(), decodeURIComponent((await params).code));
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
  const domain = await findDomain(db, decodeURIComponent((await params).code));
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
  const view = await domainView(db, actor, toSearchParams(raw), now);
  const figures = await loadDomainFigures(db, view, domain, now);
  const trend = await loadDomainTrend(db, view, domain, now);
  const ranking = await loadDomainRanking(db, view, domain);
  const serious = await loadDomainSerious(db, view, domain);
  const openMajor = await loadDomainOpenMajor(db, view, domain);
  const mix = await loadDomainLevels(db, view, domain);
  const { year } = view;
  const unit = view.branch?.code;
  const where: DomainWhere = { domain: domain.code, year, unit };
  const branchQuery = unit ? `&branch=${encodeURIComponent(unit)}` : '';
  const name = localName(locale, domain);

  return (
    <div className="space-y-5">
      <Link prefetch={false} href={`/domains?year=${year}${branchQuery}`} className="text-sm text-blue-700 hover:underline">
        ← {t('domains.title')}
      </Link>
      <PageHeader
        title={name}
        subtitle={t('domains.subtitle', { year, scope: view.branch ? localName(locale, view.branch) : await scopeText(actor) })}
      />
      <DomainFilter
        action={`/domains/${encodeURIComponent(domain.code)}`}
        years={view.years}
        year={year}
        branches={view.branches}
        branch={unit}
      />
      <DomainFigures where={where} figures={figures} />
      <DomainTrendCard where={where} name={name} trend={trend} />
      <DomainRanking
        where={where}
        ranking={ranking}
        allUnits={view.allUnits}
        allHref={`/domains/${encodeURIComponent(domain.code)}?year=${year}${branchQuery}&units=all#units`}
      />
      <div className="grid gap-5 2xl:grid-cols-2">
        <DomainSeriousIncidents where={where} serious={serious} />
        <DomainOpenMajorHazards where={where} openMajor={openMajor} now={now} />
      </div>
      <DomainLevelsCard where={where} mix={mix} />
    </div>
  );
}
