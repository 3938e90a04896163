import { afterAll, describe, expect, it } from 'vitest';
import { importSpreadsheet } from '@/features/import/import';
import { verifyAuditChain } from '@/db/audit/audit-log';
import { sqlOne } from './record-sql';
import { smallOrgWithReporter } from '../setup/reporter';
import { incidentHeader, incidentXlsx } from '../setup/incident-sheet';

const { db, close, reporter } = await smallOrgWithReporter('imp.rep');
afterAll(() => close());

const HEADER = incidentHeader('externalId', 'unitCode', 'domain', 'dimension', 'tier', 'occurredAt', 'reportedAt', 'deaths');
const row = (i: number, over: Partial<Record<number, unknown>> = {}) => {
  const r: unknown[] = [`INC-IMP-${i}`, 'BJ01', 'ai', 'data', 4, '2026-03-04T09:30:00+08:00', '2026-03-04T10:30:00+08:00', 0];
  for (const [k, v] of Object.entries(over)) r[Number(k)] = v;
  return r;
};
const xlsx = (rows: unknown[][], header = HEADER) => incidentXlsx(header, rows);
const csv = (rows: unknown[][], header = HEADER) =>
  Buffer.from('\uFEFF' + [header, ...rows].map((r) => r.map((c) => `"${String(c).replace(/"/g, '""')}"`).join(',')).join('\r\n'));
const count = async (prefix: string) =>
  ((await sqlOne(db, 'SELECT count(*) AS n FROM incidents WHERE external_id LIKE ?', `${prefix}%`)) as { n: number }).n;
const now = new Date('2026-11-23T10:00:00+08:00');

describe('spreadsheet import', () => {
  it('previews a good XLSX without storing, then imports it; a re-import is unchanged', async () => {
    const file = await xlsx([row(1), row(2), row(3, { 7: 3 })]);
    const preview = await importSpreadsheet(db, reporter, 'incidents', file, 'xlsx', { dryRun: true, now });
    expect(preview).toMatchObject({ ok: true, rows: 3, records: 3, created: 3, updated: 0, unchanged: 0, problems: [] });
    expect(await count('INC-IMP-')).toBe(0);
    const done = await importSpreadsheet(db, reporter, 'incidents', file, 'xlsx', { dryRun: false, now });
    expect(done).toMatchObject({ ok: true, created: 3 });
    expect(await count('INC-IMP-')).toBe(3);
    const again = await importSpreadsheet(db, reporter, 'incidents', file, 'xlsx', { dryRun: false, now });
    expect(again).toMatchObject({ ok: true, created: 0, updated: 0, unchanged: 3 });
    expect(await count('INC-IMP-')).toBe(3);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it('reads the same rows from CSV as from XLSX', async () => {
    const report = await importSpreadsheet(db, reporter, 'incidents', csv([row(1), row(2), row(3, { 7: 3 })]), 'csv', {
      dryRun: true,
      now,
    });
    expect(report).toMatchObject({ ok: true, unchanged: 3 });
  });

  it('reports every bad row with its sheet row, column and reason, and stores nothing of the file', async () => {
    const file = await xlsx([
      row(10),
      row(11, { 5: '2026-03-04 09:30' }),
      row(12, { 2: 'astrology', 4: 9 }),
      row(13, { 1: 'SH01' }),
      row(14, { 7: '=HYPERLINK("http://x","y")' }),
    ]);
    const report = await importSpreadsheet(db, reporter, 'incidents', file, 'xlsx', { dryRun: false, now });
    expect(report.ok).toBe(false);
    const seen = report.problems.map((p) => [p.row, p.column, p.say('en')]);
    // Sheet rows: the header is row 1, so the third data row is row 4. A time typed without an offset in a
    // spreadsheet is Beijing time (the template says so), unlike the API, so row 3 is fine.
    // Every row's problems at once: the bad tier, the unit outside the reporter's scope (found although
    // another row failed its checks), the formula.
    expect(seen).toEqual([
      [4, 'tier', 'must be at most 4.'],
      [5, 'unitCode', 'SH01 is outside your scope.'],
      [6, 'deaths', expect.stringContaining('Formulas are not accepted')],
    ]);
    expect(await count('INC-IMP-1_')).toBe(0);
  });

  it('reports rows outside the reporter scope and unknown codes by row', async () => {
    const file = csv([row(20), row(21, { 2: 'astrology' })]);
    const report = await importSpreadsheet(db, reporter, 'incidents', file, 'csv', { dryRun: true, now });
    expect(report.problems.map((p) => [p.row, p.column])).toEqual([[3, 'domain']]);
    expect(report.problems[0]!.say('zh-CN')).toBe('没有代码为 astrology 的条目。');
    const outside = await importSpreadsheet(db, reporter, 'incidents', csv([row(22, { 1: 'SH01' })]), 'csv', { dryRun: true, now });
    expect(outside.problems.map((p) => [p.row, p.column])).toEqual([[2, 'unitCode']]);
  });

  it('refuses an oversized file with a clear message', async () => {
    const big = Buffer.alloc(21 * 1024 * 1024, 0x41);
    const report = await importSpreadsheet(db, reporter, 'incidents', big, 'csv', { dryRun: true, now });
    expect(report.ok).toBe(false);
    expect(report.fileError!.say('en')).toMatch(/20 ?MB/);
  });

  it('groups an assessment spanning one row per dimension, and locates a bad dimension row', async () => {
    const header = [
      '评估编号 (externalId)',
      '单位代码 (unitCode)',
      '项目编号 (projectExternalId)',
      '评估阶段 (stage)',
      '状态 (status)',
      '风险维度 (dimension)',
      '可能性 (likelihood)',
      '影响程度 (impact)',
    ];
    const project = (await sqlOne(db, 'SELECT external_id AS ref FROM projects WHERE institute_id = 4 LIMIT 1')) as { ref: string };
    const dims = ['chokepoint', 'loss', 'regulatory', 'data', 'ethics', 'opinion', 'secrecy'];
    const rows = dims.map((d, i) => ['ASM-IMP-1', 'BJ01', project.ref, 'initiation', 'submitted', d, 2, i === 3 ? 7 : 3]);
    const bad = await importSpreadsheet(db, reporter, 'assessments', await xlsx(rows, header), 'xlsx', { dryRun: true, now });
    expect(bad.problems.map((p) => [p.row, p.column])).toEqual([[5, 'impact']]);
    rows[3]![7] = 3;
    const good = await importSpreadsheet(db, reporter, 'assessments', await xlsx(rows, header), 'xlsx', { dryRun: false, now });
    expect(good).toMatchObject({ ok: true, rows: 7, records: 1, created: 1 });
    expect(
      await sqlOne(
        db,
        "SELECT count(*) AS n FROM assessment_dimensions d JOIN assessments a ON a.id = d.assessment_id WHERE a.external_id = 'ASM-IMP-1'",
      ),
    ).toEqual({ n: 7 });
  });
});
