import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { RuleSetsView } from '@/features/rule-sets/views';
import { PageHeader } from '@/components/page-header';
import { kindUi } from './kind-ui';
import { RuleText } from './rule-text';
import { RuleSetVersions } from './versions-table';

/** A kind's rules page: the version in force in plain language, and every version. */
export async function RuleSetsPage({ view }: { view: RuleSetsView }) {
  const t = await getTranslations();
  const ui = kindUi[view.kind];
  return (
    <div className="max-w-6xl space-y-6">
      <Link href={ui.area} className="text-sm text-blue-700 hover:underline">
        ← {t(ui.areaLabel)}
      </Link>
      <PageHeader title={t(ui.title)} subtitle={t(ui.subtitle, { version: view.active })} />
      <p className="max-w-3xl text-sm text-gray-700">{t(ui.intro)}</p>
      <RuleText text={view.text} />
      <RuleSetVersions ui={ui} versions={view.versions} current={view.active} manage={view.manage} />
    </div>
  );
}
