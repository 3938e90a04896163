import { afterAll, describe, expect, it } from 'vitest';
import { importSpreadsheet } from '@/features/import/import';
import { submitRecords } from '@/features/records/submit';
import { CHANGE_DETAIL_LIMIT, VALUE_DISPLAY_CHARS } from '@/features/import/change-list';
import { resolveActor } from '@/features/auth/resolve-actor';
import { sqlOne } from './record-sql';
import { addUser } from '../setup/small-org';
import { smallOrgWithReporter } from '../setup/reporter';
import { incidentHeader, incidentXlsx } from '../setup/incident-sheet';

// Issue 14 item 6: a dry run says which records would change and which fields, not only how many.

const { db, close, reporter } = await smallOrgWithReporter('chg.rep');
afterAll(() => close());

const HEADER = incidentHeader('externalId', 'unitCode', 'domain', 'dimension', 'tier', 'occurredAt', 'reportedAt', 'deaths', 'summary');
const row = (i: number, over: Partial<Record<number, unknown>> = {}) => {
  const r: unknown[] = [
    `INC-CHG-${i}`,
    'BJ01',
    'ai',
    'data',
    4,
    '2026-03-04T09:30:00+08:00',
    '2026-03-04T10:30:00+08:00',
    0,
    `Summary ${i}`,
  ];
  for (const [k, v] of Object.entries(over)) r[Number(k)] = v;
  return r;
};
const xlsx = (rows: unknown[][]) => incidentXlsx(HEADER, rows);
const auditCount = async () => ((await sqlOne(db, 'SELECT count(*) AS n FROM audit_log')) as { n: number }).n;
const now = new Date('2026-11-23T10:00:00+08:00');

describe('the dry run lists what would change', () => {
  it('a resend with 5 changed records lists exactly those 5, with their rows and changed fields', async () => {
    const first = Array.from({ length: 12 }, (_, i) => row(i + 1));
    expect(await importSpreadsheet(db, reporter, 'incidents', await xlsx(first), 'xlsx', { dryRun: false, now })).toMatchObject({
      ok: true,
      created: 12,
    });
    const resend = first.map((r, i) => {
      const n = i + 1;
      if (n === 2) return row(n, { 4: 3 });
      if (n === 5) return row(n, { 7: 2, 8: 'A new summary' });
      if (n === 7) return row(n, { 1: 'BJ01-D1' });
      if (n === 9) return row(n, { 6: '2026-03-04T11:45:00+08:00' });
      if (n === 12) return row(n, { 8: 'x'.repeat(500) });
      return r;
    });
    resend.push(row(13), row(14));
    const audit = await auditCount();
    const report = await importSpreadsheet(db, reporter, 'incidents', await xlsx(resend), 'xlsx', { dryRun: true, now });
    expect(report).toMatchObject({ ok: true, created: 2, updated: 5, unchanged: 7 });
    expect(await auditCount()).toBe(audit);

    const updated = report.changes!.updated;
    // Sheet rows: the header is row 1, so record n is on row n + 1.
    expect(updated.map((u) => [u.row, u.externalId])).toEqual([
      [3, 'INC-CHG-2'],
      [6, 'INC-CHG-5'],
      [8, 'INC-CHG-7'],
      [10, 'INC-CHG-9'],
      [13, 'INC-CHG-12'],
    ]);
    expect(updated[0]!.fields).toEqual([{ field: 'tier', from: '4', to: '3' }]);
    expect(updated[1]!.fields).toEqual([
      { field: 'deaths', from: '0', to: '2' },
      { field: 'summary', from: 'Summary 5', to: 'A new summary' },
    ]);
    // A unit is said by its code, as the file has it, not by an internal id.
    expect(updated[2]!.fields).toEqual([{ field: 'unitCode', from: 'BJ01', to: 'BJ01-D1' }]);
    // Times in Beijing time, as the spreadsheet gives them.
    expect(updated[3]!.fields).toEqual([{ field: 'reportedAt', from: '2026-03-04 10:30', to: '2026-03-04 11:45' }]);
    const long = updated[4]!.fields[0]!;
    expect(long.field).toBe('summary');
    expect([...long.to!].length).toBe(VALUE_DISPLAY_CHARS);
    expect(long.to!.endsWith('…')).toBe(true);

    expect(report.changes!.created).toEqual([
      { row: 14, externalId: 'INC-CHG-13' },
      { row: 15, externalId: 'INC-CHG-14' },
    ]);
  });

  it('lists nothing when nothing would change', async () => {
    const same = Array.from({ length: 12 }, (_, i) => row(i + 1));
    const report = await importSpreadsheet(db, reporter, 'incidents', await xlsx(same), 'xlsx', { dryRun: true, now });
    expect(report).toMatchObject({ ok: true, created: 0, updated: 0, unchanged: 12 });
    expect(report.changes).toEqual({ updated: [], created: [] });
  });

  it('names a changed risk dimension of an assessment', async () => {
    const project = (await sqlOne(db, 'SELECT external_id AS ref FROM projects WHERE institute_id = 4 LIMIT 1')) as { ref: string };
    const dims = ['chokepoint', 'loss', 'regulatory', 'data', 'ethics', 'opinion', 'secrecy'];
    const item = (impact: number) => ({
      externalId: 'ASM-CHG-1',
      unitCode: 'BJ01',
      projectExternalId: project.ref,
      stage: 'initiation',
      status: 'submitted',
      submittedAt: '2026-03-04T09:30:00+08:00',
      dimensions: dims.map((d) => ({ dimension: d, likelihood: 2, impact: d === 'loss' ? impact : 3 })),
    });
    await submitRecords(db, reporter, 'assessments', [item(3)], { now, source: 'api' });
    const dry = await submitRecords(db, reporter, 'assessments', [item(5)], { now, source: 'api', dryRun: true });
    expect(dry.changes!.updated).toEqual([
      { index: 0, externalId: 'ASM-CHG-1', fields: [{ field: 'dimensions.loss', from: '2 × 3', to: '2 × 5' }] },
    ]);
  });

  it('never lists a stored record outside the caller scope: the batch is refused instead', async () => {
    await addUser(db, 'chg.dep', 'reporter', 'BJ01-D1');
    const departmentReporter = (await resolveActor(db, { cliLogin: 'chg.dep' }))!;
    // INC-CHG-1 is filed on BJ01 itself, outside a department reporter's subtree, in the same institute.
    const item = {
      externalId: 'INC-CHG-1',
      unitCode: 'BJ01-D1',
      domain: 'ai',
      dimension: 'data',
      tier: 1,
      occurredAt: '2026-03-04T09:30:00+08:00',
    };
    await expect(submitRecords(db, departmentReporter, 'incidents', [item], { now, source: 'api', dryRun: true })).rejects.toThrow(
      /forbidden/,
    );
  });

  it('stays bounded: 10,000 changed records keep the first CHANGE_DETAIL_LIMIT with the totals', async () => {
    const item = (i: number, summary: string) => ({
      externalId: `INC-BULK-${i}`,
      unitCode: 'BJ01',
      domain: 'ai',
      dimension: 'data',
      tier: 4,
      occurredAt: '2026-03-04T09:30:00+08:00',
      reportedAt: '2026-03-04T10:30:00+08:00',
      summary,
    });
    const n = 10_000;
    await submitRecords(
      db,
      reporter,
      'incidents',
      Array.from({ length: n }, (_, i) => item(i, 'before')),
      { now, source: 'api' },
    );
    const items = Array.from({ length: n + 1000 }, (_, i) => item(i, 'after '.repeat(100)));
    const dry = await submitRecords(db, reporter, 'incidents', items, { now, source: 'api', dryRun: true });
    expect(dry).toMatchObject({ updated: n, created: 1000 });
    expect(dry.changes!.updated).toHaveLength(CHANGE_DETAIL_LIMIT);
    expect(dry.changes!.created).toHaveLength(CHANGE_DETAIL_LIMIT);
    expect(dry.changes!.updated[0]).toMatchObject({ index: 0, externalId: 'INC-BULK-0' });
    expect(dry.changes!.created[0]).toEqual({ index: n, externalId: `INC-BULK-${n}` });
    // The whole detail, as the preview sends it, is a few tens of kilobytes, whatever the file's size.
    expect(JSON.stringify(dry.changes).length).toBeLessThan(100_000);
    // A real submission keeps its answer as it was (the API's contract): no change list.
    const real = await submitRecords(db, reporter, 'incidents', items.slice(0, 3), { now, source: 'api' });
    expect(real).not.toHaveProperty('changes');
  });
});
