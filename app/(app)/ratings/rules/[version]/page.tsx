import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { activeRatingRuleSet, listRatingRuleSets, ratingRuleSetByVersion } from '@/db/queries/rule-sets';
import { activateRuleSetAction } from '@/server/actions/rule-sets';
import { requireActor } from '@/server/auth/current-actor';
import { toLocale } from '@/domain/i18n/locales';
import { canManageRatings } from '@/domain/auth/rating-permissions';
import { fieldLabel, NO_FLOOR, ruleSetFields, ruleSetFormValues, ruleSetText } from '@/domain/rule-sets/rating-texts';
import { levels } from '@/domain/reference/level-codes';
import { PageHeader } from '@/components/page-header';
import { ConfirmAction } from '@/components/ratings/confirm-action';
import { RuleSetForm } from '@/components/ratings/rule-set-form';
import { RuleSetTextView } from '@/components/ratings/rule-set-text';
import { RuleSetVersions } from '@/components/ratings/rule-set-versions';

export async function generateMetadata({ params }: { params: Promise<{ version: string }> }) {
  return { title: (await getTranslations('ruleSets'))('versionTitle', { version: decodeURIComponent((await params).version) }) };
}

const sectionKeys = ['incidents', 'hazards', 'controls', 'ethics', 'levelThresholds', 'floors'] as const;

export default async function RuleSetVersionPage({ params }: { params: Promise<{ version: string }> }) {
  const actor = await requireActor();
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const db = getDb();
  const version = decodeURIComponent((await params).version);
  const rules = ratingRuleSetByVersion(db, version);
  const back = (
    <Link href="/ratings/rules" className="text-sm text-blue-700 hover:underline">
      ← {t('ruleSets.back')}
    </Link>
  );
  if (!rules) {
    return (
      <div className="max-w-4xl">
        {back}
        <PageHeader title={t('ruleSets.versionTitle', { version })} />
        <p className="rounded-lg border border-dashed border-gray-300 bg-white p-8 text-center" data-testid="not-found">
          {t('ruleSets.notFound', { version })}
        </p>
      </div>
    );
  }
  const active = activeRatingRuleSet(db).version;
  const row = listRatingRuleSets(db).find((v) => v.version === version);
  const manage = canManageRatings(actor.role);
  const editable = Boolean(row && !row.active && row.usedBy === 0);
  const sectionTitle = (key: (typeof sectionKeys)[number]) =>
    key === 'levelThresholds' ? t('ruleText.sections.levels') : key === 'floors' ? t('ratings.floors') : t(`ruleText.sections.${key}`);

  return (
    <div className="max-w-6xl space-y-6">
      {back}
      <PageHeader
        title={t('ruleSets.versionTitle', { version })}
        subtitle={version === active ? t('ruleSets.active') : t('ruleSets.inactive')}
      >
        {manage && row && version !== active ? (
          <ConfirmAction
            testId="activate"
            action={activateRuleSetAction}
            fields={{ version }}
            label={t('ruleSets.activate')}
            title={t('ruleSets.activateTitle', { version })}
            body={t('ruleSets.activateBody', { version, current: active })}
            confirmLabel={t('ruleSets.activateConfirm')}
            cancelLabel={t('ruleSets.cancel')}
            doneText={t('ruleSets.activated', { version })}
          />
        ) : null}
      </PageHeader>
      <RuleSetTextView sections={ruleSetText(rules, locale)} testId="rule-set-text" />
      {manage ? (
        <section aria-labelledby="edit-heading" className="space-y-3">
          <h2 id="edit-heading" className="text-lg font-semibold">
            {t('ruleSets.editTitle')}
          </h2>
          {editable ? (
            <>
              <p className="text-sm text-gray-500">{t('ruleSets.editHint')}</p>
              <RuleSetForm
                version={version}
                fields={ruleSetFields.map((f) => ({ path: f.path, kind: f.kind, section: f.section, label: fieldLabel(f.path, locale) }))}
                values={ruleSetFormValues(rules)}
                sections={sectionKeys.map((key) => ({ key, title: sectionTitle(key) }))}
                levelChoices={[
                  { value: NO_FLOOR, label: t('ruleSets.noFloor') },
                  ...levels.map((l) => ({ value: l, label: t(`levels.${l}`) })),
                ]}
                labels={{ save: t('ruleSets.save'), saved: t('ruleSets.saved', { version }) }}
              />
            </>
          ) : (
            <p className="rounded-md bg-gray-50 p-4 text-sm text-gray-700" data-testid="edit-locked">
              {t('ruleSets.editLocked')}
            </p>
          )}
        </section>
      ) : null}
      <RuleSetVersions current={active} manage={manage} copyFrom={version} scope={actor.scope} />
    </div>
  );
}
