import { getTranslations } from 'next-intl/server';
import { Refusal } from '@/components/refusal';

// What a page of the app answers, with status 404, for a record, alert, unit or bulletin that does not exist
// (notFound()); inside the app's shell, with the way back.
export default async function AppNotFound() {
  const t = await getTranslations();
  return <Refusal testId="not-found" title={t('refusal.notFoundTitle')} body={t('refusal.notFoundBody')} homeLabel={t('refusal.home')} />;
}
