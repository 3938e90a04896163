import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { RuleSetEditView, RuleSetVersionPageView } from '@/features/rule-sets/views';
import type { RuleSetKind } from '@/domain/rule-sets/kinds';
import { levels } from '@/domain/reference/level-codes';
import { PageHeader } from '@/components/page-header';
import { ConfirmAction } from '@/components/ratings/confirm-action';
import { RuleSetEditForm } from './edit-form';
import { kindUi, type KindUi } from './kind-ui';
import { RuleText } from './rule-text';
import { RuleSetVersions } from './versions-table';

/** One version of a kind: its rules, for the office its activation and edit form, and every version. */
export async function RuleSetVersionPage({
  kind,
  version,
  view,
}: {
  kind: RuleSetKind;
  version: string;
  view: RuleSetVersionPageView | null;
}) {
  const t = await getTranslations();
  const ui = kindUi[kind];
  const back = (
    <Link href={ui.rules} className="text-sm text-blue-700 hover:underline">
      ← {t(ui.backLabel)}
    </Link>
  );
  if (!view) {
    return (
      <div className="max-w-4xl">
        {back}
        <PageHeader title={t(ui.versionTitle, { version })} />
        <p className="rounded-lg border border-dashed border-gray-300 bg-white p-8 text-center" data-testid="not-found">
          {t('ruleSets.notFound', { version })}
        </p>
      </div>
    );
  }
  const { active } = view;
  return (
    <div className="max-w-6xl space-y-6">
      {back}
      <PageHeader title={t(ui.versionTitle, { version })} subtitle={version === active ? t('ruleSets.active') : t('ruleSets.inactive')}>
        {view.manage && view.stored && version !== active ? (
          <ConfirmAction
            testId={ui.ids.activate}
            action={ui.actions.activate}
            fields={{ version }}
            label={t('ruleSets.activate')}
            title={t('ruleSets.activateTitle', { version })}
            body={t(ui.activateBody, { version, current: active })}
            confirmLabel={t('ruleSets.activateConfirm')}
            cancelLabel={t('ruleSets.cancel')}
            doneText={t('ruleSets.activated', { version })}
          />
        ) : null}
      </PageHeader>
      <RuleText text={view.text} />
      {view.edit !== undefined ? <EditSection ui={ui} version={version} edit={view.edit} /> : null}
      <RuleSetVersions ui={ui} versions={view.versions} current={active} manage={view.manage} copyFrom={version} />
    </div>
  );
}

/** The office's edit form of an unlocked version, or why the version cannot change. */
async function EditSection({ ui, version, edit }: { ui: KindUi; version: string; edit: RuleSetEditView | null }) {
  const t = await getTranslations();
  return (
    <section aria-labelledby="edit-heading" className="space-y-3">
      <h2 id="edit-heading" className="text-lg font-semibold">
        {t('ruleSets.editTitle')}
      </h2>
      {edit ? (
        <>
          <p className="text-sm text-gray-500">{t('ruleSets.editHint')}</p>
          <RuleSetEditForm
            action={ui.actions.update}
            version={version}
            fields={edit.fields}
            groups={edit.groups}
            values={edit.values}
            levelChoices={levels.map((l) => ({ value: l, label: t(`levels.${l}`) }))}
            noneLabel={t(ui.noneLabel)}
            labels={{ save: t('ruleSets.save'), saved: t('ruleSets.saved', { version }) }}
            ui={{ testId: ui.ids.form, idPrefix: ui.ids.field, ...ui.layout }}
          />
        </>
      ) : (
        <p className="rounded-md bg-gray-50 p-4 text-sm text-gray-700" data-testid="edit-locked">
          {t(ui.editLocked)}
        </p>
      )}
    </section>
  );
}
