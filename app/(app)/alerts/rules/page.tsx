import { getLocale, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { ruleSetsView } from '@/features/rule-sets/views';
import { requireActor } from '@/server/auth/current-actor';
import { toLocale } from '@/domain/i18n/locales';
import { RuleSetsPage } from '@/components/rule-sets/rules-page';

export async function generateMetadata() {
  return { title: (await getTranslations('alerts'))('rulesTitle') };
}

export default async function Page() {
  const actor = await requireActor();
  const view = await ruleSetsView(getDb(), 'alerts', actor, toLocale(await getLocale()));
  return <RuleSetsPage view={view} />;
}
