import { getTranslations } from 'next-intl/server';
import type { DomainFigures as Figures } from '@/domain/dashboards/types';
import { recordsHref } from '@/domain/dashboards/drill';
import { Figure } from '@/components/dashboards/figure';
import { drillOf, type DomainWhere } from './where';

/** The domain's key figures of the year, each opening the records it counts. */
export async function DomainFigures({ where, figures }: { where: DomainWhere; figures: Figures }) {
  const t = await getTranslations();
  const { year } = where;
  const drill = drillOf(where);
  return (
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
  );
}
