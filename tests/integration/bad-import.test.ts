import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveActor } from '@/features/auth/resolve-actor';
import type { Actor } from '@/domain/auth/actor';
import { importColumns, importSpreadsheet } from '@/features/import/import';
import { buildTemplate } from '@/platform/spreadsheets/template';
import { warningNoticeXlsx, type WarningNotice } from '@/features/rating/views/warning-notice';
import { deflateRepeated, sharedStringsXml, sheetXml, workbookParts, zipOf } from '../unit/import/helpers';
import { sqlOne } from './record-sql';
import { createTestDb, type TestDb } from '../setup/test-db';
import { addUser, seedSmallOrg } from '../setup/small-org';

// The bad-input corpus for spreadsheets (issue 7 part 4), through the product's import path (the one the
// upload route and the CLI call): each file is refused, as a file or at a row and column, never with an
// exception, in bounded time and memory; and every spreadsheet the product writes escapes formula starts.
let t: TestDb;
let actor: Actor;
const MB = 1024 * 1024;
const header = 'externalId,unitCode,domain,dimension,tier,occurredAt,summary';
const good = 'BAD-OK,BJ01,drones,loss,4,2026-03-04 09:30,坠落';

beforeAll(async () => {
  t = await createTestDb();
  await seedSmallOrg(t.db);
  await addUser(t.db, 'imp.rep', 'reporter', 'BJ01');
  actor = (await resolveActor(t.db, { cliLogin: 'imp.rep' }))!;
});
afterAll(() => t.close());

async function importOf(file: Buffer, format: 'csv' | 'xlsx') {
  const before = process.memoryUsage().rss;
  const started = performance.now();
  const report = await importSpreadsheet(t.db, actor, 'incidents', file, format, { dryRun: false, now: new Date() });
  return { report, ms: performance.now() - started, growthMb: (process.memoryUsage().rss - before) / MB };
}

const csv = (...lines: string[]) => Buffer.from(lines.join('\n'), 'utf8');

describe('bad spreadsheets are refused, never stored, never thrown', () => {
  const cases: [string, () => Promise<Buffer> | Buffer, 'csv' | 'xlsx', string | null][] = [
    ['CSV with an unclosed quote', () => csv(header, good, '"BAD-2,BJ01,drones,loss,4,2026-03-04 09:30,x'), 'csv', null],
    ['CSV with a quote inside a bare field', () => csv(header, 'IN"C-3,BJ01,drones,loss,4,2026-03-04 09:30,x'), 'csv', null],
    [
      'CSV with a formula',
      () => csv(header, 'BAD-4,BJ01,drones,loss,4,2026-03-04 09:30,"=HYPERLINK(""http://x.test"",""click"")"'),
      'csv',
      'summary',
    ],
    ['CSV with a wrong type', () => csv(header, 'BAD-5,BJ01,drones,loss,four,2026-03-04 09:30,x'), 'csv', 'tier'],
    ['CSV with an out-of-range tier', () => csv(header, 'BAD-6,BJ01,drones,loss,9,2026-03-04 09:30,x'), 'csv', 'tier'],
    ['CSV with an impossible date', () => csv(header, 'BAD-7,BJ01,drones,loss,4,2026-02-30 09:30,x'), 'csv', 'occurredAt'],
    ['CSV with an unknown unit', () => csv(header, 'BAD-8,NOPE,drones,loss,4,2026-03-04 09:30,x'), 'csv', 'unitCode'],
    ['CSV with an unknown domain', () => csv(header, 'BAD-9,BJ01,ufo,loss,4,2026-03-04 09:30,x'), 'csv', 'domain'],
    ['CSV without a required column', () => csv('externalId,unitCode', 'BAD-10,BJ01'), 'csv', null],
    ['CSV with a 10 MB cell', () => csv(header, `BAD-11,BJ01,drones,loss,4,2026-03-04 09:30,${'x'.repeat(10 * MB)}`), 'csv', 'summary'],
    ['binary noise as CSV', () => Buffer.from(Array.from({ length: 64 * 1024 }, (_, i) => (i * 7919) % 256)), 'csv', null],
    ['an empty file', () => Buffer.alloc(0), 'csv', null],
    ['a header only', () => csv(header), 'csv', null],
    [
      'CSV over the size limit',
      () =>
        csv(
          header,
          Array.from({ length: 200_000 }, (_, i) => `BAD-B${i},BJ01,drones,loss,4,2026-03-04 09:30,${'y'.repeat(100)}`).join('\n'),
        ),
      'csv',
      null,
    ],
    [
      'CSV with 100,001 rows',
      () => csv(header, Array.from({ length: 100_001 }, (_, i) => `BAD-R${i},BJ01,drones,loss,4,2026-03-04 09:30,`).join('\n')),
      'csv',
      null,
    ],
    ['CSV as XLSX', () => csv(header, good), 'xlsx', null],
    [
      'XLSX with a formula cell',
      async () => {
        const wb = new ExcelJS.Workbook();
        const ws = wb.addWorksheet('数据');
        ws.addRow(header.split(','));
        ws.addRow([
          'BAD-12',
          'BJ01',
          'drones',
          'loss',
          4,
          '2026-03-04 09:30',
          { formula: 'HYPERLINK("http://x.test","click")', result: 'click' },
        ]);
        return Buffer.from(await wb.xlsx.writeBuffer());
      },
      'xlsx',
      'summary',
    ],
    [
      'XLSX zip bomb (300 MB of shared strings)',
      async () => {
        const strings = await deflateRepeated('<sst>', '<si><t>AAAAAAAAAAAAAAAA</t></si>', 300 * MB, '</sst>');
        return zipOf(
          workbookParts(
            { name: 'xl/worksheets/sheet1.xml', data: sheetXml('<row r="1"><c r="A1" t="s"><v>0</v></c></row>') },
            { name: 'xl/sharedStrings.xml', data: Buffer.alloc(0), deflated: strings, declaredSize: 50 * 1024 },
          ),
        );
      },
      'xlsx',
      null,
    ],
    [
      'XLSX with an entity bomb',
      () =>
        zipOf(
          workbookParts(
            {
              name: 'xl/worksheets/sheet1.xml',
              data: Buffer.from(
                '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><worksheet><sheetData><row><c t="inlineStr"><is><t>&b;</t></is></c></row></sheetData></worksheet>',
              ),
            },
            { name: 'xl/sharedStrings.xml', data: sharedStringsXml(['x']) },
          ),
        ),
      'xlsx',
      null,
    ],
    [
      'a truncated XLSX',
      async () =>
        (await buildTemplate({ zh: '事件', en: 'Incidents' }, await importColumns(t.db, 'incidents'), 'xlsx', 'zh-CN')).subarray(0, 2000),
      'xlsx',
      null,
    ],
  ];

  it.each(cases)('%s', async (_what, make, format, column) => {
    const file = await make();
    const { report, ms, growthMb } = await importOf(file, format);
    expect(report.ok).toBe(false);
    expect(report.created + report.updated).toBe(0);
    if (column) {
      expect(report.problems.map((p) => p.column)).toContain(column);
      for (const p of report.problems) {
        expect(p.row).toBeGreaterThan(0);
        expect(p.say('zh-CN')).toEqual(expect.any(String));
      }
    } else expect(report.fileError ?? report.problems[0]).toBeDefined();
    expect(ms).toBeLessThan(20_000);
    expect(growthMb).toBeLessThan(300);
    const stored = (await sqlOne(t.db, "SELECT count(*) AS n FROM incidents WHERE external_id LIKE 'BAD-%'")) as { n: number };
    expect(stored.n).toBe(0);
  });
});

describe('every spreadsheet the product writes escapes cells that would start a formula', () => {
  const hostile = ['=HYPERLINK("http://x.test","click")', '+cmd|calc', '-2+3', '@SUM(A1)'];

  it('the warning notice (XLSX)', async () => {
    const notice: WarningNotice = {
      year: 2025,
      status: 'final',
      generatedAt: new Date('2026-01-10T02:00:00Z'),
      counts: { red: 1, orange: 0, yellow: 0, blue: 0 },
      sections: [
        {
          level: 'red',
          units: [{ level: 'red', code: hostile[3]!, name: hostile[0]!, branch: hostile[1]!, points: 60, reasons: hostile[2]! } as never],
        },
      ],
    };
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await warningNoticeXlsx(notice, 'zh-CN')) as unknown as ArrayBuffer);
    const row = wb.worksheets[0]!.getRow(5);
    expect([2, 3, 4, 6].map((i) => row.getCell(i).value)).toEqual([`'${hostile[3]}`, `'${hostile[0]}`, `'${hostile[1]}`, `'${hostile[2]}`]);
    expect(row.getCell(5).value).toBe(60);
  });

  it('the import templates (XLSX and CSV), whose lists come from the database', async () => {
    const columns = (await importColumns(t.db, 'incidents')).map((c) =>
      c.code === 'domain' ? { ...c, options: [...hostile, ...Array.from({ length: 60 }, (_, i) => `domain_${i}`)] } : c,
    );
    const xlsx = await buildTemplate({ zh: '事件', en: 'Incidents' }, columns, 'xlsx', 'zh-CN');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
    const texts = wb.worksheets.flatMap((ws) => {
      const out: string[] = [];
      ws.eachRow((r) => r.eachCell((c) => typeof c.value === 'string' && out.push(c.value)));
      return out;
    });
    for (const h of hostile) expect(texts).toContain(`'${h}`);
    expect(texts.filter((v) => /^[=+\-@]/.test(v))).toEqual([]);
    const csvText = (
      await buildTemplate(
        { zh: '事件', en: 'Incidents' },
        columns.map((c) => ({ ...c, example: c.code === 'summary' ? '=1+1' : c.example })),
        'csv',
        'zh-CN',
      )
    ).toString('utf8');
    expect(csvText).toContain("'=1+1");
  });

  it('no source file writes a spreadsheet or CSV without escapeCell', () => {
    const roots = ['app', 'domain', 'features', 'platform', 'server', 'components', 'jobs', 'cli', 'db'];
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (/\.tsx?$/.test(entry.name)) {
          const text = fs.readFileSync(full, 'utf8');
          const writes = /from 'exceljs'/.test(text) || /text\/csv/.test(text) || /\.csv\.write/.test(text);
          // The template route serves buildTemplate (escaped above); readers never write.
          if (writes && !/escapeCell|buildTemplate/.test(text)) offenders.push(full);
        }
      }
    };
    roots.filter((r) => fs.existsSync(r)).forEach(walk);
    expect(offenders).toEqual([]);
  });
});
