import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { rawAll } from '@/db/engine';
import { ALL_UNITS } from '@/domain/auth/actor';
import { subtreeUnitIds, unitByCode } from '@/db/units/units';
import { buildWarningNotice, warningNoticePdf, warningNoticeXlsx } from '@/features/rating/views/warning-notice';
import { extractPages } from '../unit/pdf/extract-text';
import { createDemoDb } from '../setup/demo-db';

let db: Db;
let close: () => void;
const now = new Date('2026-11-23T10:00:00+08:00');
beforeAll(async () => {
  // With what the daily job does at start (reads never rate, decision 045): the year just ended gets its final ratings.
  ({ db, close } = await createDemoDb(now));
});
afterAll(() => close());

describe('the annual warning notice (警示通报)', () => {
  it('lists every rated institute by level, worst first, with reasons that name the rules', async () => {
    const notice = (await buildWarningNotice(db, ALL_UNITS, 2025, 'zh-CN', now))!;
    expect(notice.status).toBe('final');
    const rated = await rawAll<{ level: string; n: number }>(
      db,
      sql`SELECT level, count(*) AS n FROM ratings WHERE year = 2025 AND status = 'final' GROUP BY level`,
    );
    expect(notice.counts).toEqual({ blue: 0, yellow: 0, orange: 0, red: 0, ...Object.fromEntries(rated.map((r) => [r.level, r.n])) });
    expect(notice.sections.map((s) => s.level)).toEqual(['red', 'orange', 'yellow', 'blue']);
    const red = notice.sections[0]!.units;
    expect(red.length).toBeGreaterThan(0);
    expect(red[0]!.reasons).toMatch(/事件|隐患/);
    // Red by a red floor (named in the reasons) or by 50 points or more.
    for (const u of red) expect(u.reasons.includes('底线 红') || u.points >= 50).toBe(true);
  });

  it('limits a branch officer to its branch', async () => {
    const bj = (await unitByCode(db, 'BJ'))!;
    const notice = (await buildWarningNotice(db, { all: false, unitIds: await subtreeUnitIds(db, bj) }, 2025, 'zh-CN', now))!;
    const codes = notice.sections.flatMap((s) => s.units.map((u) => u.code));
    expect(codes.length).toBeGreaterThan(0);
    expect(codes.every((c) => c.startsWith('BJ'))).toBe(true);
  });

  it('renders a PDF whose text is the Chinese notice, and an XLSX with a row per unit', async () => {
    const notice = (await buildWarningNotice(db, ALL_UNITS, 2025, 'zh-CN', now))!;
    const pdf = await warningNoticePdf(notice, 'zh-CN');
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    const text = (await extractPages(pdf)).join('\n');
    expect(text).toContain('2025 年度科技安全风险评估警示通报');
    expect(text).toContain(notice.sections[0]!.units[0]!.name);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await warningNoticeXlsx(notice, 'zh-CN')) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const total = Object.values(notice.counts).reduce((a, b) => a + b, 0);
    expect(ws.rowCount).toBe(4 + total);
    expect(ws.getRow(5).getCell(1).value).toBe('红');
  });
});
