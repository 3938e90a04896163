import { getLocale, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { ruleSetVersionPageView } from '@/features/rule-sets/views';
import { requireActor } from '@/server/auth/current-actor';
import { toLocale } from '@/domain/i18n/locales';
import { RuleSetVersionPage } from '@/components/rule-sets/version-page';

type Props = { params: Promise<{ version: string }> };

export async function generateMetadata({ params }: Props) {
  return { title: (await getTranslations('alerts'))('versionTitle', { version: decodeURIComponent((await params).version) }) };
}

export default async function Page({ params }: Props) {
  const actor = await requireActor();
  const version = decodeURIComponent((await params).version);
  const view = await ruleSetVersionPageView(getDb(), 'alerts', version, actor, toLocale(await getLocale()));
  return <RuleSetVersionPage kind="alerts" version={version} view={view} />;
}
