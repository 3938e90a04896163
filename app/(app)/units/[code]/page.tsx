import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { listDomains } from '@/db/queries/reference';
import { listWarningEntries } from '@/db/queries/warning-list';
import { requireActor } from '@/server/auth/current-actor';
import { localName, toLocale } from '@/domain/i18n/locales';
import { canManageRatings } from '@/domain/auth/rating-permissions';
import { recordsHref } from '@/domain/dashboards/drill';
import { dueText } from '@/features/dashboards/domain-tables';
import { daysOverdue } from '@/features/dashboards/domain-view';
import { dutyStateText } from '@/features/dashboards/unit-tables';
import {
  loadUnitEthics,
  loadUnitIncidents,
  loadUnitOpenHazards,
  loadUnitProjects,
  loadUnitRatings,
  ratingSummary,
  unitView,
  type DutyState,
} from '@/features/dashboards/unit-view';
import { overallRiskLevel } from '@/domain/reference/risk-matrix';
import { formatDate, formatDateTime } from '@/domain/time/shanghai';
import { ExportXlsxLink } from '@/components/export/export-xlsx-link';
import { StatusBadge } from '@/components/status-badge';
import { DataTable } from '@/components/data-table';
import { LevelBadge } from '@/components/level-badge';
import { PageHeader } from '@/components/page-header';
import { Refusal } from '@/components/refusal';
import { scopeText } from '@/components/scope-text';
import { WarningListTable } from '@/components/ratings/warning-list-table';

export async function generateMetadata({ params }: { params: Promise<{ code: string }> }) {
  return { title: `${decodeURIComponent((await params).code)} · ${(await getTranslations('units'))('title')}` };
}

export default async function UnitPage({ params }: { params: Promise<{ code: string }> }) {
  const actor = await requireActor();
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const db = getDb();
  const view = unitView(db, actor, decodeURIComponent((await params).code));
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
  const { unit, parent, branch, institute } = profile;
  const name = (u: { name: string; nameEn: string | null }) => localName(locale, u);
  const now = new Date();
  const history = loadUnitRatings(db, view);
  const entries = listWarningEntries(db, actor.scope, { unitIds: profile.subtree });
  const hazards = loadUnitOpenHazards(db, view);
  const projects = loadUnitProjects(db, view);
  const incidents = loadUnitIncidents(db, view);
  const duties = loadUnitEthics(db, view, now);
  const domainNames = new Map(listDomains(db).map((d) => [d.code, localName(locale, d)]));
  const keep = { unit: unit.code };
  const several = profile.subtree.length > 1;

  return (
    <div className="max-w-6xl space-y-6">
      <Link href="/units" className="text-sm text-blue-700 hover:underline">
        ← {t('units.title')}
      </Link>
      <PageHeader title={name(unit)} subtitle={`${unit.code} · ${t(`unitKinds.${unit.kind}`)}`} />
      <dl className="grid grid-cols-1 gap-x-6 rounded-lg border border-gray-200 bg-white p-6 sm:grid-cols-2" data-testid="unit-facts">
        <Fact label={t('unitPage.code')}>
          <span className="font-mono">{unit.code}</span>
        </Fact>
        <Fact label={t('unitPage.kind')}>{t(`unitKinds.${unit.kind}`)}</Fact>
        <Fact label={t('unitPage.branch')}>{branch ? name(branch) : '—'}</Fact>
        <Fact label={t('unitPage.parent')}>{parent ? name(parent) : '—'}</Fact>
        {unit.kind === 'department' && institute ? (
          <Fact label={t('unitPage.institute')}>
            <Link href={`/units/${encodeURIComponent(institute.code)}`} className="text-blue-700 hover:underline">
              {name(institute)}
            </Link>
          </Fact>
        ) : null}
      </dl>

      {unit.kind === 'institute' ? (
        <section aria-labelledby="history-heading" className="space-y-2">
          <SectionHead id="history-heading" title={t('unitPage.history')} hint={t('unitPage.historyHint')}>
            <ExportXlsxLink table="unit-ratings" params={keep} />
          </SectionHead>
          {history.length === 0 ? (
            <p className="text-sm text-gray-500">{t('unitPage.noHistory')}</p>
          ) : (
            <DataTable
              testId="rating-history"
              columns={[
                { label: t('unitPage.year') },
                { label: t('ratings.level') },
                { label: t('ratings.points'), align: 'right' },
                { label: t('ratings.status') },
                { label: t('unitPage.why') },
              ]}
            >
              {history.map((h) => (
                <tr key={h.year} className="border-t border-gray-100 align-top" data-year={h.year}>
                  <td className="px-4 py-2">
                    <Link href={`/ratings/${h.year}/${encodeURIComponent(unit.code)}`} className="text-blue-700 hover:underline">
                      {h.year}
                    </Link>
                  </td>
                  <td className="px-4 py-2">
                    <LevelBadge level={h.level} label={t(`levels.${h.level}`)} />
                  </td>
                  <td className="px-4 py-2 text-right tabular-nums">{h.points}</td>
                  <td className="whitespace-nowrap px-4 py-2">{t(`ratings.statusWord.${h.status}`)}</td>
                  <td className="px-4 py-2 text-xs text-gray-700" data-testid="rating-why">
                    {ratingSummary(h, locale)}{' '}
                    <Link
                      href={`/ratings/${h.year}/${encodeURIComponent(unit.code)}`}
                      className="whitespace-nowrap text-blue-700 hover:underline"
                    >
                      {t('unitPage.explanation')}
                    </Link>
                  </td>
                </tr>
              ))}
            </DataTable>
          )}
        </section>
      ) : unit.kind === 'department' && institute ? (
        <p className="text-sm text-gray-600">{t('unitPage.departmentNote', { institute: name(institute) })}</p>
      ) : null}

      <section aria-labelledby="hazards-heading" className="space-y-2">
        <SectionHead id="hazards-heading" title={t('unitPage.openHazards')} hint={t('unitPage.openHazardsHint')}>
          <ExportXlsxLink table="unit-open-hazards" params={keep} />
        </SectionHead>
        {hazards.total === 0 ? (
          <Empty text={t('unitPage.noOpenHazards')} testId="no-open-hazards" />
        ) : (
          <>
            <DataTable
              compact
              testId="unit-open-hazards"
              columns={[
                { label: t('domains.reference') },
                ...(several ? [{ label: t('domains.unit') }] : []),
                { label: t('unitPage.severity') },
                { label: t('records.domain') },
                { label: t('domains.found') },
                { label: t('domains.due') },
                { label: t('domains.dueState') },
              ]}
            >
              {hazards.rows.map((r) => {
                const days = daysOverdue(r.dueAt, now);
                return (
                  <tr key={r.id} className="border-t border-gray-100" data-days={days} data-ref={r.externalId}>
                    <td className="px-3 py-2 font-mono text-xs">
                      <Link href={`/records/hazards/${r.id}`} className="text-blue-700 hover:underline">
                        {r.externalId}
                      </Link>
                    </td>
                    {several ? <td className="px-3 py-2">{name({ name: r.unitName, nameEn: r.unitNameEn })}</td> : null}
                    <td className={`px-3 py-2 ${r.severity === 'major' ? 'font-semibold text-red-800' : ''}`}>
                      {t(`severity.${r.severity}`)}
                    </td>
                    <td className="px-3 py-2">{domainNames.get(r.domain) ?? r.domain}</td>
                    <td className="whitespace-nowrap px-3 py-2 tabular-nums">{formatDate(r.foundAt)}</td>
                    <td className="whitespace-nowrap px-3 py-2 tabular-nums">{formatDate(r.dueAt)}</td>
                    <td
                      className={`whitespace-nowrap px-3 py-2 font-medium ${days > 0 ? 'text-red-800' : 'text-gray-700'}`}
                      data-testid="due-state"
                    >
                      {dueText(days, locale)}
                    </td>
                  </tr>
                );
              })}
            </DataTable>
            <ShowAll
              shown={hazards.rows.length}
              total={hazards.total}
              href={recordsHref('hazards', { unit: unit.code, state: 'open' })}
              t={t}
            />
          </>
        )}
      </section>

      <section aria-labelledby="projects-heading" className="space-y-2">
        <SectionHead id="projects-heading" title={t('unitPage.projects')} hint={t('unitPage.projectsHint')}>
          <ExportXlsxLink table="unit-projects" params={keep} />
        </SectionHead>
        {projects.total === 0 ? (
          <Empty text={t('unitPage.noProjects')} testId="no-projects" />
        ) : (
          <>
            <DataTable
              compact
              testId="unit-projects"
              columns={[
                { label: t('domains.reference') },
                { label: t('unitPage.projectTitle') },
                { label: t('records.domain') },
                { label: t('unitPage.started') },
                { label: t('domains.status') },
                { label: t('unitPage.assessmentLevel') },
              ]}
            >
              {projects.rows.map((p) => {
                const level = overallRiskLevel(p.assessment?.score ?? null);
                return (
                  <tr key={p.id} className="border-t border-gray-100" data-level={level ?? ''}>
                    <td className="px-3 py-2 font-mono text-xs">
                      <Link href={`/records/projects/${p.id}`} className="text-blue-700 hover:underline">
                        {p.externalId}
                      </Link>
                    </td>
                    <td className="max-w-xs truncate px-3 py-2" title={p.title}>
                      {p.title}
                    </td>
                    <td className="px-3 py-2">{domainNames.get(p.domain) ?? p.domain}</td>
                    <td className="whitespace-nowrap px-3 py-2 tabular-nums">{formatDate(p.startedAt) || '—'}</td>
                    <td className="px-3 py-2">
                      <StatusBadge status={p.status} label={t(`status.${p.status}` as 'status.open')} />
                    </td>
                    <td className="px-3 py-2 text-xs">
                      {p.assessment ? (
                        <span className="flex flex-wrap items-center gap-x-2 gap-y-0.5">
                          {level ? <LevelBadge level={level} label={t(`levels.${level}`)} /> : <span>{t('unitPage.noLevel')}</span>}
                          <Link href={`/records/assessments/${p.assessment.id}`} className="text-blue-700 hover:underline">
                            {t(`stages.${p.assessment.stage}` as 'stages.initiation')} ·{' '}
                            {t(`status.${p.assessment.status}` as 'status.open')}
                          </Link>
                        </span>
                      ) : (
                        <span className="text-amber-800">{t('unitPage.noAssessment')}</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </DataTable>
            <ShowAll
              shown={projects.rows.length}
              total={projects.total}
              href={recordsHref('projects', { unit: unit.code, state: 'current' })}
              t={t}
            />
          </>
        )}
      </section>

      <section aria-labelledby="incidents-heading" className="space-y-2">
        <SectionHead id="incidents-heading" title={t('unitPage.incidents')} hint={t('unitPage.incidentsHint')}>
          <ExportXlsxLink table="unit-incidents" params={keep} />
        </SectionHead>
        {incidents.total === 0 ? (
          <Empty text={t('unitPage.noIncidents')} testId="no-incidents" />
        ) : (
          <>
            <DataTable
              compact
              testId="unit-incidents"
              columns={[
                { label: t('domains.reference') },
                ...(several ? [{ label: t('domains.unit') }] : []),
                { label: t('domains.occurred') },
                { label: t('domains.tier') },
                { label: t('domains.status') },
                { label: t('domains.summary') },
              ]}
            >
              {incidents.rows.map((r) => (
                <tr key={r.id} className={`border-t border-gray-100 ${r.status === 'withdrawn' ? 'text-gray-500' : ''}`} data-tier={r.tier}>
                  <td className="px-3 py-2 font-mono text-xs">
                    <Link
                      href={`/records/incidents/${r.id}`}
                      className={`text-blue-700 hover:underline ${r.status === 'withdrawn' ? 'line-through' : ''}`}
                    >
                      {r.externalId}
                    </Link>
                  </td>
                  {several ? <td className="px-3 py-2">{name({ name: r.unitName, nameEn: r.unitNameEn })}</td> : null}
                  <td className="whitespace-nowrap px-3 py-2 tabular-nums">{formatDateTime(r.occurredAt)}</td>
                  <td className={`whitespace-nowrap px-3 py-2 ${r.tier <= 3 ? 'font-semibold text-red-800' : ''}`}>
                    {t(`tiers.${r.tier}` as 'tiers.1')}
                  </td>
                  <td className="px-3 py-2">
                    <StatusBadge status={r.status} label={t(`status.${r.status}` as 'status.open')} />
                  </td>
                  <td className="max-w-xs truncate px-3 py-2" title={r.summary ?? ''}>
                    {r.summary}
                  </td>
                </tr>
              ))}
            </DataTable>
            <ShowAll shown={incidents.rows.length} total={incidents.total} href={recordsHref('incidents', { unit: unit.code })} t={t} />
          </>
        )}
      </section>

      <section aria-labelledby="ethics-heading" className="space-y-2">
        <SectionHead
          id="ethics-heading"
          title={t('unitPage.ethics')}
          hint={t('unitPage.ethicsHint', {
            committeeDays: view.ruleSet.ethics.committeeRegistrationDays,
            activityDays: view.ruleSet.ethics.activityRegistrationDays,
            due: dayOfYear(view.ruleSet.ethics.annualReportDue, locale),
          })}
        >
          <ExportXlsxLink table="unit-ethics" params={keep} />
        </SectionHead>
        {duties.length === 0 ? (
          <Empty text={t('unitPage.noEthics')} testId="no-ethics" />
        ) : (
          <DataTable
            compact
            testId="unit-ethics"
            columns={[
              { label: t('unitPage.duty') },
              { label: t('domains.reference') },
              { label: t('unitPage.dutySubject') },
              { label: t('unitPage.deadline') },
              { label: t('unitPage.doneAt') },
              { label: t('unitPage.dutyStateLabel') },
            ]}
          >
            {duties.map((d) => (
              <tr key={`${d.kind}|${d.reference}`} className="border-t border-gray-100" data-state={d.state}>
                <td className="px-3 py-2">{t(`unitPage.dutyKind.${d.kind}`)}</td>
                <td className="px-3 py-2 font-mono text-xs">
                  {d.record ? (
                    <Link href={`/records/${d.record.kind}/${d.record.id}`} className="text-blue-700 hover:underline">
                      {d.reference}
                    </Link>
                  ) : (
                    d.reference
                  )}
                </td>
                <td className="max-w-xs truncate px-3 py-2">{d.label ?? '—'}</td>
                <td className="whitespace-nowrap px-3 py-2 tabular-nums">{formatDate(d.deadline) || '—'}</td>
                <td className="whitespace-nowrap px-3 py-2 tabular-nums">{formatDate(d.doneAt) || '—'}</td>
                <td className={`whitespace-nowrap px-3 py-2 ${dutyTone[d.state]}`}>
                  {dutyStateText(d, (k, p) => t(k as 'unitPage.duty', p))}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>

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

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="border-b border-gray-100 py-2">
      <dt className="text-xs text-gray-500">{label}</dt>
      <dd className="mt-0.5 text-sm">{children}</dd>
    </div>
  );
}

const dutyTone: Record<DutyState, string> = {
  overdue: 'font-semibold text-red-800',
  dueSoon: 'font-semibold text-amber-800',
  due: 'text-gray-700',
  pending: 'text-amber-800',
  late: 'text-orange-800',
  done: 'text-emerald-800',
};

function SectionHead({ id, title, hint, children }: { id: string; title: string; hint?: string; children?: React.ReactNode }) {
  return (
    <div className="flex flex-wrap items-end justify-between gap-2">
      <div>
        <h2 id={id} className="text-lg font-semibold">
          {title}
        </h2>
        {hint ? <p className="text-xs text-gray-500">{hint}</p> : null}
      </div>
      {children}
    </div>
  );
}

function Empty({ text, testId }: { text: string; testId: string }) {
  return (
    <p className="rounded-lg border border-dashed border-gray-300 bg-white p-4 text-center text-sm text-gray-500" data-testid={testId}>
      {text}
    </p>
  );
}

function ShowAll({
  shown,
  total,
  href,
  t,
}: {
  shown: number;
  total: number;
  href: string;
  t: Awaited<ReturnType<typeof getTranslations>>;
}) {
  if (total <= shown) return null;
  return (
    <p className="text-xs text-gray-600">
      {t('domains.shown', { shown, total })}{' '}
      <Link href={href} className="text-blue-700 hover:underline" data-testid="show-all">
        {t('domains.showAll', { total })}
      </Link>
    </p>
  );
}

/** "1 April" / "4 月 1 日": a day of the year in the reader's language. */
function dayOfYear({ month, day }: { month: number; day: number }, locale: string): string {
  if (locale !== 'en') return `${month} 月 ${day} 日`;
  return `${day} ${new Intl.DateTimeFormat('en', { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2000, month - 1, 1)))}`;
}
