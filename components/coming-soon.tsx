import { getTranslations } from 'next-intl/server';
import { PageHeader } from './page-header';

export type ComingSection = 'heatmaps' | 'domains' | 'ratings' | 'alerts' | 'bulletins';

/** An honest empty state for a section that is planned but not built yet. */
export async function ComingSoon({ section }: { section: ComingSection }) {
  const t = await getTranslations();
  return (
    <div className="max-w-3xl">
      <PageHeader title={t(`nav.${section}`)} />
      <div className="rounded-lg border border-dashed border-gray-300 bg-white p-8" data-testid="coming-soon">
        <p className="font-medium text-gray-900">{t('coming.title')}</p>
        <p className="mt-2 text-sm text-gray-700">{t(`coming.${section}`)}</p>
        <p className="mt-2 text-sm text-gray-500">{t('coming.body')}</p>
      </div>
    </div>
  );
}
