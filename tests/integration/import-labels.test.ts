import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { importColumns, importSpreadsheet } from '@/features/import/import';
import { buildTemplate } from '@/platform/spreadsheets/template';
import { sqlAll, sqlOne } from './record-sql';
import { smallOrgWithReporter } from '../setup/reporter';

// Spreadsheets filled in by people (issue 14 item 8): coded columns typed as the labels they read on
// screen, in Chinese or English; a wrong value is repeated back in its row's error.
const { db, close, reporter } = await smallOrgWithReporter('lab.rep');
afterAll(() => close());

const header = ['externalId', 'unitCode', 'domain', 'dimension', 'severity', 'source', 'foundAt', 'dueAt', 'status'];
const csv = (rows: string[][]) => Buffer.from([header, ...rows].map((r) => r.join(',')).join('\n'));
const now = new Date('2026-11-23T10:00:00+08:00');
const stored = async (ref: string) =>
  await sqlOne(db, 'SELECT domain, dimension, severity, source, status FROM hazards WHERE external_id = ?', ref);

describe('coded spreadsheet cells', () => {
  it('take labels in either language for every coded column', async () => {
    const file = csv([
      ['HZ-L-1', 'BJ01', '人工智能', '科学数据安全', '重大', '监督检查', '2026-03-01', '2026-04-01', '待整改'],
      ['HZ-L-2', 'BJ01', 'Drones', 'Public opinion', 'General', 'Self-inspection', '2026-03-01', '2026-04-01', 'Open'],
      ['HZ-L-3', 'BJ01', 'ai', 'data', 'major', 'supervision', '2026-03-01', '2026-04-01', 'open'],
    ]);
    const report = await importSpreadsheet(db, reporter, 'hazards', file, 'csv', { dryRun: false, now });
    expect(report.problems.map((p) => `${p.row} ${p.column} ${p.say('en')}`)).toEqual([]);
    expect(report).toMatchObject({ ok: true, created: 3 });
    expect(await stored('HZ-L-1')).toEqual({ domain: 'ai', dimension: 'data', severity: 'major', source: 'supervision', status: 'open' });
    expect(await stored('HZ-L-2')).toEqual({
      domain: 'drones',
      dimension: 'opinion',
      severity: 'general',
      source: 'self_inspection',
      status: 'open',
    });
  });

  it('take an incident tier as written on screen or in the decree (Ⅱ级, 重大, II)', async () => {
    const head = 'externalId,unitCode,domain,dimension,tier,occurredAt,reportedAt';
    const file = Buffer.from(
      [head, ...['Ⅱ级 重大', '较大', 'IV', 'Ⅰ级'].map((t, i) => `INC-L-${i},BJ01,ai,data,${t},2026-03-01 09:00,2026-03-01 09:30`)].join(
        '\n',
      ),
    );
    const report = await importSpreadsheet(db, reporter, 'incidents', file, 'csv', { dryRun: false, now });
    expect(report.problems.map((p) => p.say('en'))).toEqual([]);
    const tiers = await sqlAll(db, "SELECT tier FROM incidents WHERE external_id LIKE 'INC-L-%' ORDER BY external_id");
    expect(tiers).toEqual([{ tier: 2 }, { tier: 3 }, { tier: 4 }, { tier: 1 }]);
  });

  it('repeat the bad value in the row error', async () => {
    const file = csv([['HZ-L-9', 'BJ01', 'ai', 'data', '很严重', 'supervision', '2026-03-01', '2026-04-01', 'open']]);
    const report = await importSpreadsheet(db, reporter, 'hazards', file, 'csv', { dryRun: true, now });
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => [p.row, p.column, p.say('zh-CN')])).toEqual([
      [2, 'severity', '“很严重”不是以下之一：general, major。'],
    ]);
  });

  it('are listed with their labels in the template', async () => {
    const book = new ExcelJS.Workbook();
    const template = await buildTemplate({ zh: '隐患', en: 'Hazards' }, await importColumns(db, 'hazards'), 'xlsx', 'zh-CN');
    await book.xlsx.load(template as unknown as ArrayBuffer);
    const notes = book.worksheets.find((w) => w.name !== '隐患' && w.state !== 'hidden')!;
    const text: string[] = [];
    notes.eachRow((r) => r.eachCell((c) => text.push(String(c.value))));
    expect(text.join('\n')).toContain('major = 重大 / Major');
    expect(text.join('\n')).toContain('ai = 人工智能 / Artificial intelligence');
    expect(text.join('\n')).toContain('supervision = 监督检查 / Supervision');
  });
});
