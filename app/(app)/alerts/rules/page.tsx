import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { activeAlertRules } from '@/db/queries/alert-rule-sets';
import { alertRuleText } from '@/domain/rule-sets/alert-texts';
import { requireActor } from '@/server/auth/current-actor';
import { toLocale } from '@/domain/i18n/locales';
import { canManageRatings } from '@/domain/auth/rating-permissions';
import { PageHeader } from '@/components/page-header';
import { AlertRuleTextView } from '@/components/alerts/alert-rule-text';
import { AlertRuleVersions } from '@/components/alerts/alert-rule-versions';

export async function generateMetadata() {
  return { title: (await getTranslations('alerts'))('rulesTitle') };
}

export default async function AlertRulesPage() {
  const actor = await requireActor();
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const rules = activeAlertRules(getDb());
  return (
    <div className="max-w-6xl space-y-6">
      <Link href="/alerts" className="text-sm text-blue-700 hover:underline">
        ← {t('alerts.back')}
      </Link>
      <PageHeader title={t('alerts.rulesTitle')} subtitle={t('alerts.rulesSubtitle', { version: rules.alerts.version })} />
      <p className="max-w-3xl text-sm text-gray-700">{t('alerts.rulesIntro')}</p>
      <AlertRuleTextView lines={alertRuleText(rules.alerts, rules.rating.levelThresholds, locale)} offLabel={t('alerts.ruleOff')} />
      <AlertRuleVersions current={rules.alerts.version} manage={canManageRatings(actor.role)} />
    </div>
  );
}
