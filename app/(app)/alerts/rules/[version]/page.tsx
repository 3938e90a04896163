import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { activeAlertRules, alertRuleSetByVersion, listRuleSetVersions } from '@/db/rule-sets/read';
import { activateAlertRuleSetAction } from '@/server/actions/rule-sets';
import { alertRuleIds } from '@/domain/alerts/rule-set';
import { alertFieldLabel, alertRuleFields, alertRuleFormValues, alertRuleText, ruleKey } from '@/domain/rule-sets/alert-texts';
import { requireActor } from '@/server/auth/current-actor';
import { toLocale } from '@/domain/i18n/locales';
import { canManageRatings } from '@/domain/auth/rating-permissions';
import { levels } from '@/domain/reference/level-codes';
import { PageHeader } from '@/components/page-header';
import { ConfirmAction } from '@/components/ratings/confirm-action';
import { AlertRuleSetForm } from '@/components/alerts/alert-rule-set-form';
import { AlertRuleTextView } from '@/components/alerts/alert-rule-text';
import { AlertRuleVersions } from '@/components/alerts/alert-rule-versions';

export async function generateMetadata({ params }: { params: Promise<{ version: string }> }) {
  return { title: (await getTranslations('alerts'))('versionTitle', { version: decodeURIComponent((await params).version) }) };
}

export default async function AlertRuleVersionPage({ params }: { params: Promise<{ version: string }> }) {
  const actor = await requireActor();
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const db = getDb();
  const version = decodeURIComponent((await params).version);
  const rules = alertRuleSetByVersion(db, version);
  const back = (
    <Link href="/alerts/rules" className="text-sm text-blue-700 hover:underline">
      ← {t('alerts.rulesTitle')}
    </Link>
  );
  if (!rules) {
    return (
      <div className="max-w-4xl">
        {back}
        <PageHeader title={t('alerts.versionTitle', { version })} />
        <p className="rounded-lg border border-dashed border-gray-300 bg-white p-8 text-center" data-testid="not-found">
          {t('ruleSets.notFound', { version })}
        </p>
      </div>
    );
  }
  const current = activeAlertRules(db);
  const active = current.alerts.version;
  const row = listRuleSetVersions(db, 'alerts').find((v) => v.version === version);
  const manage = canManageRatings(actor.role);
  const editable = Boolean(row && !row.active);
  return (
    <div className="max-w-6xl space-y-6">
      {back}
      <PageHeader
        title={t('alerts.versionTitle', { version })}
        subtitle={version === active ? t('ruleSets.active') : t('ruleSets.inactive')}
      >
        {manage && row && version !== active ? (
          <ConfirmAction
            testId="activate-alert-rules"
            action={activateAlertRuleSetAction}
            fields={{ version }}
            label={t('ruleSets.activate')}
            title={t('ruleSets.activateTitle', { version })}
            body={t('alerts.activateBody', { version, current: active })}
            confirmLabel={t('ruleSets.activateConfirm')}
            cancelLabel={t('ruleSets.cancel')}
            doneText={t('ruleSets.activated', { version })}
          />
        ) : null}
      </PageHeader>
      <AlertRuleTextView lines={alertRuleText(rules, current.rating.levelThresholds, locale)} offLabel={t('alerts.ruleOff')} />
      {manage ? (
        <section aria-labelledby="edit-heading" className="space-y-3">
          <h2 id="edit-heading" className="text-lg font-semibold">
            {t('ruleSets.editTitle')}
          </h2>
          {editable ? (
            <>
              <p className="text-sm text-gray-500">{t('ruleSets.editHint')}</p>
              <AlertRuleSetForm
                version={version}
                fields={alertRuleFields.map((f) => ({ name: f.name, rule: f.rule, kind: f.kind, label: alertFieldLabel(f, locale) }))}
                values={alertRuleFormValues(rules)}
                rules={alertRuleIds.map((rule) => ({ rule, title: t(`alerts.ruleNames.${ruleKey(rule)}`) }))}
                levelChoices={levels.map((l) => ({ value: l, label: t(`levels.${l}`) }))}
                noneLabel={t('alerts.none')}
                labels={{ save: t('ruleSets.save'), saved: t('ruleSets.saved', { version }) }}
              />
            </>
          ) : (
            <p className="rounded-md bg-gray-50 p-4 text-sm text-gray-700" data-testid="edit-locked">
              {t('alerts.editLocked')}
            </p>
          )}
        </section>
      ) : null}
      <AlertRuleVersions current={active} manage={manage} copyFrom={version} />
    </div>
  );
}
