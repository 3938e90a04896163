import type { ExportableTable } from '@/features/dashboards/export-tables';
import { localName, type Locale } from '@/domain/i18n/locales';
import { translate } from '@/domain/i18n/translate';
import { overallRiskLevel } from '@/domain/reference/risk-matrix';
import { formatDate, formatDateTime } from '@/domain/time/shanghai';
import { hazardLinesTable, incidentLinesTable, type T, type TableBody } from '@/features/dashboards/line-tables';
import {
  loadUnitEthics,
  loadUnitIncidents,
  loadUnitOpenHazards,
  loadUnitProjects,
  loadUnitRatings,
  ratingSummary,
  unitView,
  type EthicsDuty,
  type UnitView,
} from '@/features/dashboards/unit-view';

// The unit page's tables as XLSX (`?unit=CODE`), loaded through the same functions as the page.

function table(
  load: (view: UnitView, t: T, locale: Locale, now: Date, db: Parameters<ExportableTable['load']>[0]) => Promise<TableBody>,
  titleKey: string,
): ExportableTable {
  return {
    async load(db, actor, params, locale, now) {
      const view = await unitView(db, actor, params.get('unit'));
      if (!view) return null;
      const t: T = (key, p = {}) => translate(locale, key, p);
      const unit = localName(locale, view.profile.unit);
      return {
        title: t(titleKey, { unit }),
        notes: [`${unit} (${view.profile.unit.code})`, t('domains.noteDrawn', { at: formatDateTime(now) })],
        ...(await load(view, t, locale, now, db)),
      };
    },
  };
}

export const unitRatingsTable = table(
  async (view, t, locale, _now, db) => ({
    columns: [
      { header: t('unitPage.year') },
      { header: t('ratings.level') },
      { header: t('ratings.points') },
      { header: t('ratings.status') },
      { header: t('unitPage.why'), width: 80 },
    ],
    rows: (await loadUnitRatings(db, view)).map((r) => [
      r.year,
      { text: t(`levels.${r.level}`), level: r.level },
      r.points,
      t(`ratings.statusWord.${r.status}`),
      ratingSummary(r, locale),
    ]),
  }),
  'unitPage.ratingsFile',
);

export const unitOpenHazardsTable = table(
  async (view, t, locale, now, db) =>
    hazardLinesTable((await loadUnitOpenHazards(db, view)).rows, t, locale, now, { unitWidth: 24, severity: true }),
  'unitPage.openHazardsFile',
);

export const unitProjectsTable = table(
  async (view, t, locale, _now, db) => ({
    columns: [
      { header: t('domains.reference'), width: 18 },
      { header: t('unitPage.projectTitle'), width: 36 },
      { header: t('unitPage.started') },
      { header: t('domains.status') },
      { header: t('unitPage.assessmentLevel') },
      { header: t('unitPage.assessment'), width: 28 },
    ],
    rows: (await loadUnitProjects(db, view)).rows.map((p) => {
      const level = overallRiskLevel(p.assessment?.score ?? null);
      return [
        p.externalId,
        p.title,
        formatDate(p.startedAt),
        t(`status.${p.status}`),
        level ? { text: t(`levels.${level}`), level } : t('unitPage.noLevel'),
        p.assessment
          ? `${p.assessment.externalId} · ${t(`stages.${p.assessment.stage}`)} · ${t(`status.${p.assessment.status}`)}`
          : t('unitPage.noAssessment'),
      ];
    }),
  }),
  'unitPage.projectsFile',
);

export const unitIncidentsTable = table(
  async (view, t, locale, _now, db) => incidentLinesTable((await loadUnitIncidents(db, view)).rows, t, locale, 24),
  'unitPage.incidentsFile',
);

export function dutyStateText(d: EthicsDuty, t: T): string {
  if (d.state === 'overdue') return t('domains.overdueDays', { n: d.days ?? 0 });
  if (d.state === 'dueSoon' || d.state === 'due') return d.days === 0 ? t('domains.dueToday') : t('domains.dueInDays', { n: d.days ?? 0 });
  return t(`unitPage.dutyState.${d.state}`);
}

export const unitEthicsTable = table(
  async (view, t, _locale, now, db) => ({
    columns: [
      { header: t('unitPage.duty'), width: 24 },
      { header: t('domains.reference'), width: 18 },
      { header: t('unitPage.dutySubject'), width: 28 },
      { header: t('unitPage.deadline') },
      { header: t('unitPage.doneAt') },
      { header: t('unitPage.dutyStateLabel'), width: 16 },
    ],
    rows: (await loadUnitEthics(db, view, now)).map((d) => [
      t(`unitPage.dutyKind.${d.kind}`),
      d.reference,
      d.label ?? '',
      formatDate(d.deadline),
      formatDate(d.doneAt),
      dutyStateText(d, t),
    ]),
  }),
  'unitPage.ethicsFile',
);
