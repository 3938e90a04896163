import { sqlOne } from './record-sql';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverDbFile } from '../setup/server-db-file';

// Issue 14 item 4 (decision 033): loading history whose report time is unknown, through the API and the
// spreadsheet import, on a real migrated SQLite file. The backfill is visible before it is stored (the API's
// `warnings`, the preview's count), `reportTimeUnknown` is stored and audited, a resend changes nothing, and
// the rating scores no lateness for it.
const { dir, remove } = serverDbFile('fenghuo-report-unknown-', 'history.db');
process.env.FENGHUO_API_RATE = '0';

const { getDb } = await import('@/db/client');
const { migrateDatabase } = await import('@/db/migrate');
const { ensureReferenceData } = await import('@/db/reference/reference');
const { verifyAuditChain } = await import('@/db/audit/audit-log');
const { seedSmallOrg, addUser } = await import('../setup/small-org');
const { createApiToken } = await import('@/features/auth/api-tokens');
const { resolveActor } = await import('@/features/auth/resolve-actor');
const { importSpreadsheet } = await import('@/features/import/import');
const { rateInstitutes } = await import('@/features/rating/rate-institutes');
const { CAS_2019_V1 } = await import('@/domain/rating/default-rule-set');
const incidentsRoute = await import('@/app/api/v1/incidents/route');

const db = getDb();
let token = '';
const one = <T>(text: string, ...params: unknown[]) => sqlOne<T>(db, text, ...params);

async function post(body: unknown, locale = 'en') {
  const res = await incidentsRoute.POST(
    new Request('http://localhost/api/v1/incidents', {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'accept-language': locale },
    }),
    { params: Promise.resolve({}) } as never,
  );
  return {
    status: res.status,
    body: (await res.json()) as Record<string, unknown> & { error?: { details: { field: string; message: string }[] } },
  };
}

// History from a public source: it happened in 2021 and nobody recorded when it was reported.
const history = (externalId: string, extra: Record<string, unknown> = {}) => ({
  externalId,
  unitCode: 'BJ01',
  domain: 'drones',
  dimension: 'loss',
  tier: 4,
  occurredAt: '2021-05-04T09:30:00+08:00',
  ...extra,
});
const points2021 = async () => (await rateInstitutes(db, CAS_2019_V1, 2021)).find((r) => r.institute.code === 'BJ01')!.rating;

beforeAll(async () => {
  await migrateDatabase(db);
  await ensureReferenceData(db);
  await seedSmallOrg(db);
  token = (await createApiToken(db, await addUser(db, 'hist.rep', 'reporter', 'BJ01'), 'history')).token;
});
afterAll(() => {
  db.close();
  remove();
});

describe('API', () => {
  it('warns, per item, that history without reportedAt will count as late, and why', async () => {
    const res = await post([history('H-LATE-1'), history('H-KNOWN', { reportedAt: '2021-05-04T10:00:00+08:00' })]);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
    expect(res.body.warnings).toEqual([
      {
        index: 0,
        field: 'reportedAt',
        code: 'late_by_default',
        message: expect.stringMatching(
          /defaults to the time received .*after the deadline \(2021-05-07 09:30\).*count as late \(\+5\).*"reportTimeUnknown": true/,
        ),
      },
    ]);
    const zh = await post([history('H-LATE-2')], 'zh');
    expect((zh.body.warnings as { message: string }[])[0]!.message).toContain('将计为迟报');
    expect((await points2021()).contributions.filter((c) => c.rule === 'incident.late').map((c) => c.externalId)).toEqual([
      'H-LATE-1',
      'H-LATE-2',
    ]);
  });

  it('stores reportTimeUnknown, audits it, answers no warning, and rates no lateness', async () => {
    const res = await post([history('H-UNKNOWN', { reportTimeUnknown: true })]);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ created: 1, updated: 0, unchanged: 0, ids: [expect.any(Number)] });
    const id = (res.body.ids as number[])[0]!;
    expect(
      // The stored flag as a number on both engines (an integer on SQLite, a boolean on PostgreSQL).
      (await one<{ unknown: number }>('SELECT CASE WHEN report_time_unknown THEN 1 ELSE 0 END AS unknown FROM incidents WHERE id = ?', id))
        .unknown,
    ).toBe(1);
    const audit = await one<{ after: string }>("SELECT after FROM audit_log WHERE action = 'incidents.create' AND entity_id = ?", id);
    expect(JSON.parse(audit.after)).toMatchObject({ reportTimeUnknown: true, source: 'api' });
    const rating = await points2021();
    expect(rating.contributions.filter((c) => c.externalId === 'H-UNKNOWN').map((c) => c.rule)).toEqual(['incident.tier4']);
  });

  it('changes nothing on a resend, and reads the flag back', async () => {
    const auditBefore = (await one<{ n: number }>('SELECT count(*) AS n FROM audit_log')).n;
    const res = await post([history('H-UNKNOWN', { reportTimeUnknown: true })]);
    expect(res.body).toEqual({ created: 0, updated: 0, unchanged: 1, ids: [expect.any(Number)] });
    expect((await one<{ n: number }>('SELECT count(*) AS n FROM audit_log')).n).toBe(auditBefore);
    const list = await incidentsRoute.GET(
      new Request('http://localhost/api/v1/incidents?from=2021-01-01&to=2022-01-01', { headers: { authorization: `Bearer ${token}` } }),
      { params: Promise.resolve({}) } as never,
    );
    const data = ((await list.json()) as { data: { externalId: string; reportTimeUnknown: boolean }[] }).data;
    expect(data.find((d) => d.externalId === 'H-UNKNOWN')!.reportTimeUnknown).toBe(true);
    expect(data.find((d) => d.externalId === 'H-KNOWN')!.reportTimeUnknown).toBe(false);
  });

  it('clears the mark only when told to, audited as a change', async () => {
    const res = await post([history('H-UNKNOWN', { reportTimeUnknown: false, reportedAt: '2021-05-04T10:00:00+08:00' })]);
    expect(res.body).toMatchObject({ updated: 1 });
    const audit = await one<{ before: string; after: string }>(
      "SELECT before, after FROM audit_log WHERE action = 'incidents.update' ORDER BY id DESC LIMIT 1",
    );
    expect(JSON.parse(audit.before)).toMatchObject({ reportTimeUnknown: true });
    expect(JSON.parse(audit.after)).toMatchObject({ reportTimeUnknown: false });
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it('refuses a report time together with "unknown", and "unknown" for an incident of this year', async () => {
    const both = await post([history('H-BOTH', { reportTimeUnknown: true, reportedAt: '2021-05-04T10:00:00+08:00' })], 'zh');
    expect(both.status).toBe(422);
    expect(both.body.error!.details).toEqual([
      { index: 0, field: 'reportTimeUnknown', message: expect.stringContaining('二者只能选其一') },
    ]);
    const year = new Date().getFullYear();
    const recent = await post([history('H-NOW', { reportTimeUnknown: true, occurredAt: `${year}-01-02T09:00:00+08:00` })]);
    expect(recent.status).toBe(422);
    expect(recent.body.error!.details).toEqual([
      { index: 0, field: 'reportTimeUnknown', message: expect.stringContaining(`an incident of ${year} is being reported now`) },
    ]);
    expect((await one<{ n: number }>("SELECT count(*) AS n FROM incidents WHERE external_id IN ('H-BOTH', 'H-NOW')")).n).toBe(0);
  });
});

describe('spreadsheet import', () => {
  const header =
    '事件编号 (externalId),单位代码 (unitCode),领域 (domain),风险维度 (dimension),事件等级 (tier),发生时间 (occurredAt),报告时间不详 (reportTimeUnknown)';
  const csv = (rows: string[]) => Buffer.from('\uFEFF' + [header, ...rows].join('\r\n'));
  const actor = async () => (await resolveActor(db, { cliLogin: 'hist.rep' }))!;

  it('previews how many rows will count as late because "Reported at" is empty, and stores nothing', async () => {
    const file = csv([
      'X-1,BJ01,drones,loss,4,2021-06-01 09:00,',
      'X-2,BJ01,drones,loss,4,2021-06-02 09:00,否',
      'X-3,BJ01,drones,loss,4,2021-06-03 09:00,是',
    ]);
    const report = await importSpreadsheet(db, await actor(), 'incidents', file, 'csv', { dryRun: true, now: new Date() });
    expect(report).toMatchObject({ ok: true, created: 3, lateByDefault: { rows: [2, 3], points: 5 } });
    expect((await one<{ n: number }>("SELECT count(*) AS n FROM incidents WHERE external_id LIKE 'X-%'")).n).toBe(0);
  });

  it('stores "是" / "yes" as reportTimeUnknown and warns about no row', async () => {
    const file = csv(['Y-1,BJ01,drones,loss,4,2021-06-01 09:00,是', 'Y-2,BJ01,drones,loss,4,2021-06-02 09:00,yes']);
    const report = await importSpreadsheet(db, await actor(), 'incidents', file, 'csv', { dryRun: false, now: new Date() });
    expect(report).toMatchObject({ ok: true, created: 2, lateByDefault: { rows: [] } });
    expect((await one<{ n: number }>("SELECT count(*) AS n FROM incidents WHERE external_id LIKE 'Y-%' AND report_time_unknown")).n).toBe(
      2,
    );
    const again = await importSpreadsheet(db, await actor(), 'incidents', file, 'csv', { dryRun: false, now: new Date() });
    expect(again).toMatchObject({ ok: true, created: 0, updated: 0, unchanged: 2 });
  });

  it('says the same in `cli import --dry-run`, on a line of its own after the counts', async () => {
    const file = path.join(dir, 'history.csv');
    fs.writeFileSync(file, csv(['Z-1,BJ01,drones,loss,4,2021-07-01 09:00,是', 'Z-2,BJ01,drones,loss,4,2021-07-02 09:00,']));
    const tsx = path.resolve('node_modules/.bin/tsx');
    const out = await promisify(execFile)(tsx, ['cli/index.ts', 'import', file, '--kind', 'incidents', '--dry-run', '--user', 'hist.rep'], {
      env: process.env,
      cwd: process.cwd(),
    });
    const lines = out.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^Dry run, nothing stored\. Would be 2 rows, 2 records: 2 created/);
    expect(lines[1]).toMatch(
      /^Warning: 1 incident\(s\) will count as late \(\+5 each\) only because "Reported at" is empty.*"yes".*Rows: 3$/,
    );
    expect((await one<{ n: number }>("SELECT count(*) AS n FROM incidents WHERE external_id LIKE 'Z-%'")).n).toBe(0);
  }, 60_000);
});
