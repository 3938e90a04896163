import type { Db } from '@/db/client';
import type { Actor } from '@/domain/auth/actor';
import type { ExportTable } from '@/platform/spreadsheets/table-xlsx';
import type { ExportableTable } from '@/features/dashboards/export-tables';
import { localName, type Locale } from '@/domain/i18n/locales';
import { translate } from '@/domain/i18n/translate';
import { levels } from '@/domain/reference/level-codes';
import { formatDate, formatDateTime } from '@/domain/time/shanghai';
import {
  daysOverdue,
  domainView,
  findDomain,
  loadDomainIndex,
  loadDomainLevels,
  loadDomainOpenMajor,
  loadDomainRanking,
  loadDomainSerious,
  type DomainView,
} from '@/features/dashboards/domain-view';

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

/** The domain named by `?domain=` with the view, or null (the download answers 404). */
function withDomain(db: Db, actor: Actor, params: URLSearchParams, now: Date) {
  const domain = findDomain(db, params.get('domain'));
  return domain ? { domain, view: domainView(db, actor, params, now) } : null;
}

export const domainIndexTable: ExportableTable = {
  load(db, actor, params, locale, now): ExportTable {
    const t = (key: string, p: Record<string, string | number> = {}) => translate(locale, key, p);
    const view = domainView(db, actor, params, now);
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
      rows: loadDomainIndex(db, view, now).map(({ domain, figures: f }) => [
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

export const domainUnitsTable: ExportableTable = {
  load(db, actor, params, locale, now) {
    const found = withDomain(db, actor, params, now);
    if (!found) return null;
    const { domain, view } = found;
    const t = (key: string, p: Record<string, string | number> = {}) => translate(locale, key, p);
    const name = localName(locale, domain);
    return {
      title: t('domains.unitsFile', { domain: name, year: view.year }),
      notes: notes(view, locale, now, name),
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
      rows: loadDomainRanking(db, view, domain).rows.map((u, i) => [
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
    };
  },
};

export const domainSeriousTable: ExportableTable = {
  load(db, actor, params, locale, now) {
    const found = withDomain(db, actor, params, now);
    if (!found) return null;
    const { domain, view } = found;
    const t = (key: string, p: Record<string, string | number> = {}) => translate(locale, key, p);
    const name = localName(locale, domain);
    return {
      title: t('domains.seriousFile', { domain: name, year: view.year }),
      notes: notes(view, locale, now, name),
      columns: [
        { header: t('domains.reference'), width: 18 },
        { header: t('domains.unit'), width: 28 },
        { header: t('domains.occurred'), width: 18 },
        { header: t('domains.tier'), width: 18 },
        { header: t('domains.status') },
        { header: t('domains.summary'), width: 40 },
      ],
      rows: loadDomainSerious(db, view, domain).rows.map((r) => [
        r.externalId,
        localName(locale, { name: r.unitName, nameEn: r.unitNameEn }),
        formatDateTime(r.occurredAt),
        t(`tiers.${r.tier}`),
        t(`status.${r.status}`),
        r.summary ?? '',
      ]),
    };
  },
};

export const domainOpenMajorTable: ExportableTable = {
  load(db, actor, params, locale, now) {
    const found = withDomain(db, actor, params, now);
    if (!found) return null;
    const { domain, view } = found;
    const t = (key: string, p: Record<string, string | number> = {}) => translate(locale, key, p);
    const name = localName(locale, domain);
    return {
      title: t('domains.openMajorFile', { domain: name }),
      notes: notes(view, locale, now, name),
      columns: [
        { header: t('domains.reference'), width: 18 },
        { header: t('domains.unit'), width: 28 },
        { header: t('domains.found') },
        { header: t('domains.due') },
        { header: t('domains.dueState'), width: 16 },
        { header: t('domains.description'), width: 40 },
      ],
      rows: loadDomainOpenMajor(db, view, domain).rows.map((r) => [
        r.externalId,
        localName(locale, { name: r.unitName, nameEn: r.unitNameEn }),
        formatDate(r.foundAt),
        formatDate(r.dueAt),
        dueText(daysOverdue(r.dueAt, now), locale),
        r.description ?? '',
      ]),
    };
  },
};

export const domainLevelsTable: ExportableTable = {
  load(db, actor, params, locale, now) {
    const found = withDomain(db, actor, params, now);
    if (!found) return null;
    const { domain, view } = found;
    const t = (key: string, p: Record<string, string | number> = {}) => translate(locale, key, p);
    const name = localName(locale, domain);
    const mix = loadDomainLevels(db, view, domain);
    return {
      title: t('domains.levelsFile', { domain: name, year: view.year }),
      notes: notes(view, locale, now, name),
      columns: [{ header: t('domains.level') }, { header: t('domains.assessments') }],
      rows: [...levels].reverse().map((l) => [{ text: t(`levels.${l}`), level: l }, mix[l]]),
    };
  },
};

/** "overdue 12 days" / "due today" / "due in 3 days", in the reader's language. */
export function dueText(days: number, locale: Locale): string {
  if (days > 0) return translate(locale, 'domains.overdueDays', { n: days });
  if (days === 0) return translate(locale, 'domains.dueToday');
  return translate(locale, 'domains.dueInDays', { n: -days });
}
