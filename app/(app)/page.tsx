import { Suspense } from 'react';
import { getTranslations } from 'next-intl/server';
import { requireActor } from '@/server/auth/current-actor';
import { shanghaiYear } from '@/domain/time/shanghai';
import { PageHeader } from '@/components/page-header';
import { scopeText } from '@/components/scope-text';
import { CardSkeleton } from '@/components/overview/card-skeleton';
import { FiguresCard } from '@/components/overview/figures-card';
import { LevelDistributionCard } from '@/components/overview/level-distribution-card';
import { YearToDateCard } from '@/components/overview/year-to-date-card';
import { TrendCard } from '@/components/overview/trend-card';
import { AlertsCard } from '@/components/overview/alerts-card';

export async function generateMetadata() {
  return { title: (await getTranslations('overview'))('title') };
}

export const dynamic = 'force-dynamic';

// Leadership's page. Each card loads on its own behind Suspense, so a slow one (last year's ratings being
// computed the first time, say) never holds the others; the page's frame arrives first.
export default async function OverviewPage() {
  const actor = await requireActor();
  const t = await getTranslations();
  const year = shanghaiYear(new Date());
  return (
    <div className="space-y-6">
      <PageHeader
        title={t('overview.title')}
        subtitle={`${t('overview.scope', { scope: await scopeText(actor) })} · ${t('overview.year', { year })}`}
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <Suspense fallback={<CardSkeleton title={t('overview.levels.title')} />}>
          <LevelDistributionCard actor={actor} />
        </Suspense>
        <Suspense fallback={<CardSkeleton title={t('overview.ytd.title')} />}>
          <YearToDateCard actor={actor} />
        </Suspense>
        <Suspense fallback={<CardSkeleton title={t('overview.alerts.title')} />}>
          <AlertsCard actor={actor} />
        </Suspense>
      </div>
      <Suspense fallback={<CardSkeleton title={t('overview.trend.title')} height="h-72" />}>
        <TrendCard actor={actor} />
      </Suspense>
      <Suspense fallback={<CardSkeleton title={t('overview.incidentsByDomain')} height="h-96" />}>
        <FiguresCard actor={actor} />
      </Suspense>
    </div>
  );
}
