import type { Db } from '@/db/client';
import type { DomainRow } from '@/db/reference/reference';
import type { ExportTable } from '@/platform/spreadsheets/table-xlsx';
import type { ExportableTable } from '@/features/dashboards/export-tables';
import { localName, type Locale } from '@/domain/i18n/locales';
import { translate } from '@/domain/i18n/translate';
import { levels } from '@/domain/reference/level-codes';
import { formatDateTime } from '@/domain/time/shanghai';
import { hazardLinesTable, incidentLinesTable, type TableBody, type T } from '@/features/dashboards/line-tables';
import {
  domainView,
  findDomain,
  loadDomainIndex,
  loadDomainLevels,
  loadDomainOpenMajor,
  loadDomainRanking,
  loadDomainSerious,
  type DomainView,
} from '@/features/dashboards/domain-view';

export { dueText } from '@/features/dashboards/line-tables';

// The domain pages' tables as XLSX: each loads through the same function as the page (same scope, same
// year and branch from the URL), so the file holds the rows on screen.

function notes(view: DomainView, locale: Locale, now: Date, domainName?: string): string[] {
  const t = (key: string, p: Record<string, string | number> = {}) => translate(locale, key, p);
  return [
    ...(domainName ? [t('domains.noteDomain', { domain: domainName })] : []),
    t('domains.noteYear', { year: view.year }),
    view.branch ? t('domains.noteBranch', { branch: localName(locale, view.branch) }) : t('domains.noteScope'),
    t('domains.noteDrawn', { at: formatDateTime(now) }),
  ];
}

/**
 * A table of the domain named by `?domain=`, or null when there is no such domain (the download answers
 * 404): the title names the domain and the year, the notes say what the rows cover.
 */
function domainTable(
  titleKey: string,
  body: (db: Db, view: DomainView, domain: DomainRow, t: T, locale: Locale, now: Date) => Promise<TableBody>,
): ExportableTable {
  return {
    async load(db, actor, params, locale, now) {
      const domain = await findDomain(db, params.get('domain'));
      if (!domain) return null;
      const view = await domainView(db, actor, params, now);
      const t: T = (key, p = {}) => translate(locale, key, p);
      const name = localName(locale, domain);
      return {
        title: t(titleKey, { domain: name, year: view.year }),
        notes: notes(view, locale, now, name),
        ...(await body(db, view, domain, t, locale, now)),
      };
    },
  };
}

export const domainIndexTable: ExportableTable = {
  async load(db, actor, params, locale, now): Promise<ExportTable> {
    const t = (key: string, p: Record<string, string | number> = {}) => translate(locale, key, p);
    const view = await domainView(db, actor, params, now);
    return {
      title: t('domains.indexFile', { year: view.year }),
      notes: notes(view, locale, now),
      columns: [
        { header: t('domains.domain'), width: 20 },
        { header: t('domains.incidents') },
        { header: t('domains.serious') },
        { header: t('domains.hazards') },
        { header: t('domains.openMajor') },
        { header: t('domains.overdueMajor') },
        { header: t('domains.units') },
      ],
      rows: (await loadDomainIndex(db, view, now)).map(({ domain, figures: f }) => [
        localName(locale, domain),
        f.incidents,
        f.serious,
        f.hazards,
        f.openMajor,
        f.overdueMajor,
        f.units,
      ]),
    };
  },
};

export const domainUnitsTable = domainTable('domains.unitsFile', async (db, view, domain, t, locale) => ({
  columns: [
    { header: t('domains.rank'), width: 6 },
    { header: t('domains.unit'), width: 28 },
    { header: t('domains.unitCode') },
    { header: t('domains.branch'), width: 16 },
    { header: t('domains.points') },
    { header: t('domains.incidents') },
    { header: t('domains.serious') },
    { header: t('domains.hazards') },
    { header: t('domains.majorHazards') },
    { header: t('domains.openMajor') },
  ],
  rows: (await loadDomainRanking(db, view, domain)).rows.map((u, i) => [
    i + 1,
    localName(locale, u),
    u.code,
    u.branchCode ? localName(locale, { name: u.branchName, nameEn: u.branchNameEn }) : '',
    u.points,
    u.incidents,
    u.serious,
    u.hazards,
    u.majorHazards,
    u.openMajor,
  ]),
}));

export const domainSeriousTable = domainTable('domains.seriousFile', async (db, view, domain, t, locale) =>
  incidentLinesTable((await loadDomainSerious(db, view, domain)).rows, t, locale, 28),
);

export const domainOpenMajorTable = domainTable('domains.openMajorFile', async (db, view, domain, t, locale, now) =>
  hazardLinesTable((await loadDomainOpenMajor(db, view, domain)).rows, t, locale, now, { unitWidth: 28, severity: false }),
);

export const domainLevelsTable = domainTable('domains.levelsFile', async (db, view, domain, t) => {
  const mix = await loadDomainLevels(db, view, domain);
  return {
    columns: [{ header: t('domains.level') }, { header: t('domains.assessments') }],
    rows: [...levels].reverse().map((l) => [{ text: t(`levels.${l}`), level: l }, mix[l]]),
  };
});
