import ExcelJS from 'exceljs';
import type { Db } from '@/db/tx';
import { ratingTableRows, storedRatings } from '@/db/rating/ratings';
import type { Scope } from '@/domain/auth/actor';
import { escapeCell } from '@/platform/spreadsheets/escape-cell';
import type { Locale } from '@/domain/i18n/locales';
import { translate } from '@/domain/i18n/translate';
import { levelFills } from '@/platform/pdf/colors';
import { renderPdf } from '@/platform/pdf/render-pdf';
import type { Block } from '@/platform/pdf/types';
import type { Level } from '@/domain/reference/level-codes';
import { formatDateTime } from '@/domain/time/shanghai';
import { ruleName } from '@/domain/rating/explain';
import { ensureYearRatings } from '@/features/rating/year-ratings';

// The annual warning notice (警示通报, DOMAIN.md §8): every rated unit by level, worst first, with the
// reasons for its level, from the year's published ratings (or final ones before publishing).

export interface NoticeUnit {
  code: string;
  name: string;
  branch: string;
  points: number;
  level: Level;
  reasons: string;
}

export interface WarningNotice {
  year: number;
  status: 'published' | 'final' | 'provisional';
  generatedAt: Date;
  counts: Record<Level, number>;
  sections: { level: Level; units: NoticeUnit[] }[];
}

const WORST_FIRST: Level[] = ['red', 'orange', 'yellow', 'blue'];

export async function buildWarningNotice(db: Db, scope: Scope, year: number, locale: Locale, now: Date): Promise<WarningNotice | null> {
  const status = await ensureYearRatings(db, year, now);
  if (!status) return null;
  // The rows and their lines from one view: a recomputation between the two reads must not mix ratings.
  const { rows, stored } = await db.snapshot(async (tx) => ({
    rows: await ratingTableRows(tx, scope, year, status),
    stored: await storedRatings(tx, scope, year, status),
  }));
  const contributions = new Map(stored.map((r) => [r.instituteId, r.contributions]));
  const units: NoticeUnit[] = rows.map((r) => {
    // Reasons: each rule that applied, with how many records and points, floors first.
    const byRule = new Map<string, { n: number; points: number; floor: Level | null }>();
    for (const c of contributions.get(r.instituteId) ?? []) {
      const e = byRule.get(c.rule) ?? { n: 0, points: 0, floor: null };
      e.n++;
      e.points += c.points;
      e.floor = e.floor ?? c.floor;
      byRule.set(c.rule, e);
    }
    const reasons = [...byRule]
      .sort(([, a], [, b]) => Number(Boolean(b.floor)) - Number(Boolean(a.floor)) || b.points - a.points)
      .map(([rule, e]) =>
        translate(locale, 'notice.reason', {
          rule: ruleName(rule, locale),
          n: e.n,
          points: e.points,
          floor: e.floor ? translate(locale, 'notice.floor', { level: translate(locale, `levels.${e.floor}`) }) : '',
        }),
      )
      .join(locale === 'en' ? '; ' : '；');
    return {
      code: r.unitCode,
      name: locale === 'en' ? r.unitNameEn || r.unitName : r.unitName,
      branch: (locale === 'en' ? r.branchNameEn || r.branchName : r.branchName) ?? '',
      points: r.points,
      level: r.level,
      reasons: reasons || translate(locale, 'notice.noReasons'),
    };
  });
  const counts = { blue: 0, yellow: 0, orange: 0, red: 0 } as Record<Level, number>;
  for (const u of units) counts[u.level]++;
  return {
    year,
    status,
    generatedAt: now,
    counts,
    sections: WORST_FIRST.map((level) => ({
      level,
      units: units.filter((u) => u.level === level).sort((a, b) => b.points - a.points || a.code.localeCompare(b.code)),
    })),
  };
}

const title = (n: WarningNotice, l: Locale) => translate(l, 'notice.title', { year: n.year });

export async function warningNoticePdf(n: WarningNotice, locale: Locale): Promise<Buffer> {
  const t = (key: string, params: Record<string, string | number> = {}) => translate(locale, key, params);
  const blocks: Block[] = [
    { type: 'paragraph', text: t(`notice.intro.${n.status}`, { year: n.year }) },
    {
      type: 'keyValues',
      items: WORST_FIRST.map((l) => ({ label: t(`levels.${l}`), value: t('notice.unitCount', { n: n.counts[l] }) })),
    },
  ];
  for (const s of n.sections) {
    blocks.push({ type: 'heading', level: 2, text: t('notice.section', { level: t(`levels.${s.level}`), n: s.units.length }) });
    if (s.units.length === 0) {
      blocks.push({ type: 'paragraph', text: t('notice.none') });
      continue;
    }
    blocks.push({
      type: 'table',
      columns: [
        { label: t('notice.unit'), width: 130 },
        { label: t('notice.branch'), width: 80 },
        { label: t('notice.level'), width: 40, align: 'center' },
        { label: t('notice.points'), width: 40, align: 'right' },
        { label: t('notice.reasons') },
      ],
      rows: s.units.map((u) => [
        `${u.name}（${u.code}）`,
        u.branch,
        { text: t(`levels.${u.level}`), fill: levelFills[u.level] },
        String(u.points),
        u.reasons,
      ]),
    });
  }
  return renderPdf({
    title: title(n, locale),
    subtitle: t('notice.subtitle', { generated: formatDateTime(n.generatedAt) }),
    meta: { author: t('app.name'), subject: title(n, locale) },
    footer: t('notice.footer', { generated: formatDateTime(n.generatedAt) }),
    pageNumber: t('pdf.pageNumber'),
    createdAt: n.generatedAt,
    blocks,
  });
}

export async function warningNoticeXlsx(n: WarningNotice, locale: Locale): Promise<Buffer> {
  const t = (key: string, params: Record<string, string | number> = {}) => translate(locale, key, params);
  const wb = new ExcelJS.Workbook();
  wb.creator = t('app.name');
  const ws = wb.addWorksheet(t('notice.sheet'));
  ws.addRow([title(n, locale)]).font = { bold: true, size: 14 };
  ws.addRow([t(`notice.intro.${n.status}`, { year: n.year })]);
  ws.addRow([]);
  const header = ws.addRow([
    t('notice.level'),
    t('notice.unitCode'),
    t('notice.unit'),
    t('notice.branch'),
    t('notice.points'),
    t('notice.reasons'),
  ]);
  header.font = { bold: true };
  for (const s of n.sections)
    for (const u of s.units) {
      const row = ws.addRow([t(`levels.${u.level}`), u.code, u.name, u.branch, u.points, u.reasons].map((v) => escapeCell(v)));
      row.getCell(1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${levelFills[u.level].slice(1)}` } };
      row.getCell(1).font = { color: { argb: u.level === 'yellow' || u.level === 'orange' ? 'FF1A1A1A' : 'FFFFFFFF' }, bold: true };
    }
  ws.columns = [{ width: 8 }, { width: 12 }, { width: 28 }, { width: 16 }, { width: 8 }, { width: 80 }];
  ws.views = [{ state: 'frozen', ySplit: 4 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
