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
import { overviewViews } from '@/features/dashboards/views/overview';

export async function generateMetadata() {
  return { title: (await getTranslations('overview'))('title') };
}

export const dynamic = 'force-dynamic';

// Leadership's page. Each card loads on its own behind Suspense, so a slow one (an aggregate computed cold
// after a change, say) never holds the others; the page's frame arrives first. The views start
// after the page's own awaits, so none of their queries runs before the frame is ready.
export default async function OverviewPage() {
  const actor = await requireActor();
  const t = await getTranslations();
  const year = shanghaiYear(new Date());
  const subtitle = `${t('overview.scope', { scope: await scopeText(actor) })} · ${t('overview.year', { year })}`;
  const views = overviewViews(actor);
  return (
    <div className="space-y-6">
      <PageHeader title={t('overview.title')} subtitle={subtitle} />
      <div className="grid gap-6 lg:grid-cols-3">
        <Suspense fallback={<CardSkeleton title={t('overview.levels.title')} />}>
          <LevelDistributionCard view={views.levels} />
        </Suspense>
        <Suspense fallback={<CardSkeleton title={t('overview.ytd.title')} />}>
          <YearToDateCard view={views.yearToDate} />
        </Suspense>
        <Suspense fallback={<CardSkeleton title={t('overview.alerts.title')} />}>
          <AlertsCard view={views.alerts} />
        </Suspense>
      </div>
      <Suspense fallback={<CardSkeleton title={t('overview.trend.title')} height="h-72" />}>
        <TrendCard view={views.trend} />
      </Suspense>
      <Suspense fallback={<CardSkeleton title={t('overview.incidentsByDomain')} height="h-96" />}>
        <FiguresCard view={views.figures} />
      </Suspense>
    </div>
  );
}
