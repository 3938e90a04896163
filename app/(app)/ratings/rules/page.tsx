import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { activeRatingRuleSet } from '@/db/queries/rule-sets';
import { requireActor } from '@/server/auth/current-actor';
import { toLocale } from '@/domain/i18n/locales';
import { canManageRatings } from '@/domain/auth/rating-permissions';
import { ruleSetText } from '@/domain/rule-sets/rating-texts';
import { PageHeader } from '@/components/page-header';
import { RuleSetTextView } from '@/components/ratings/rule-set-text';
import { RuleSetVersions } from '@/components/ratings/rule-set-versions';

export async function generateMetadata() {
  return { title: (await getTranslations('ruleSets'))('title') };
}

export default async function RuleSetsPage() {
  const actor = await requireActor();
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const db = getDb();
  const active = activeRatingRuleSet(db);
  return (
    <div className="max-w-6xl space-y-6">
      <Link href="/ratings" className="text-sm text-blue-700 hover:underline">
        ← {t('ratings.title')}
      </Link>
      <PageHeader title={t('ruleSets.title')} subtitle={t('ruleSets.subtitle', { version: active.version })} />
      <p className="max-w-3xl text-sm text-gray-700">{t('ruleSets.intro')}</p>
      <RuleSetTextView sections={ruleSetText(active, locale)} testId="rule-set-text" />
      <RuleSetVersions current={active.version} manage={canManageRatings(actor.role)} scope={actor.scope} />
    </div>
  );
}
