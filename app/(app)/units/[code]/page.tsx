import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { listDomains } from '@/db/reference/reference';
import { listWarningEntries } from '@/db/rating/warning-list';
import { requireActor } from '@/server/auth/current-actor';
import { localName, toLocale } from '@/domain/i18n/locales';
import { canManageRatings } from '@/domain/auth/rating-permissions';
import {
  loadUnitEthics,
  loadUnitIncidents,
  loadUnitOpenHazards,
  loadUnitProjects,
  loadUnitRatings,
  unitView,
} from '@/features/dashboards/unit-view';
import { PageHeader } from '@/components/page-header';
import { Refusal } from '@/components/refusal';
import { scopeText } from '@/components/scope-text';
import { WarningListTable } from '@/components/ratings/warning-list-table';
import { UnitFacts } from '@/components/units/unit-facts';
import { RatingHistory } from '@/components/units/rating-history';
import { UnitOpenHazards } from '@/components/units/open-hazards';
import { UnitProjects } from '@/components/units/projects';
import { UnitIncidents } from '@/components/units/incidents';
import { UnitEthicsDuties } from '@/components/units/ethics-duties';

export async function generateMetadata({ params }: { params: Promise<{ code: string }> }) {
  return { title: `${decodeURIComponent((await params).code)} · ${(await getTranslations('units'))('title')}` };
}

export default async function UnitPage({ params }: { params: Promise<{ code: string }> }) {
  const actor = await requireActor();
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const db = getDb();
  const view = await unitView(db, actor, decodeURIComponent((await params).code));
  if (!view) {
    return actor.scope.all ? (
      <Refusal testId="not-found" title={t('errors.notFound')} body={t('refusal.notFoundBody')} homeLabel={t('refusal.home')} />
    ) : (
      <Refusal
        testId="refusal"
        title={t('refusal.title')}
        body={t('refusal.body', { scope: await scopeText(actor) })}
        homeLabel={t('refusal.home')}
      />
    );
  }
  const { profile } = view;
  const { unit, institute } = profile;
  const now = new Date();
  const domainNames = new Map((await listDomains(db)).map((d) => [d.code, localName(locale, d)]));
  const entries = await listWarningEntries(db, actor.scope, { unitIds: profile.subtree });
  const history = unit.kind === 'institute' ? await loadUnitRatings(db, view) : [];
  const hazards = await loadUnitOpenHazards(db, view);
  const projects = await loadUnitProjects(db, view);
  const incidents = await loadUnitIncidents(db, view);
  const duties = await loadUnitEthics(db, view, now);
  const several = profile.subtree.length > 1;

  return (
    <div className="max-w-6xl space-y-6">
      <Link href="/units" className="text-sm text-blue-700 hover:underline">
        ← {t('units.title')}
      </Link>
      <PageHeader title={localName(locale, unit)} subtitle={`${unit.code} · ${t(`unitKinds.${unit.kind}`)}`} />
      <UnitFacts profile={profile} />

      {unit.kind === 'institute' ? (
        <RatingHistory unitCode={unit.code} history={history} />
      ) : unit.kind === 'department' && institute ? (
        <p className="text-sm text-gray-600">{t('unitPage.departmentNote', { institute: localName(locale, institute) })}</p>
      ) : null}

      <UnitOpenHazards unitCode={unit.code} hazards={hazards} several={several} domainNames={domainNames} now={now} />
      <UnitProjects unitCode={unit.code} projects={projects} domainNames={domainNames} />
      <UnitIncidents unitCode={unit.code} incidents={incidents} several={several} />
      <UnitEthicsDuties unitCode={unit.code} duties={duties} ruleSet={view.ruleSet} />

      <section aria-labelledby="entries-heading" className="space-y-2">
        <h2 id="entries-heading" className="text-lg font-semibold">
          {t('unitPage.warningEntries')}
        </h2>
        {entries.length === 0 ? (
          <p className="text-sm text-gray-500" data-testid="no-entries">
            {t('unitPage.noEntries')}
          </p>
        ) : (
          <WarningListTable entries={entries} manage={canManageRatings(actor.role)} testId="unit-warning-entries" />
        )}
      </section>
    </div>
  );
}
