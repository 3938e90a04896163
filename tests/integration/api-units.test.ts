import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRequest, apiTestbed, noParams } from '../setup/api-client';

const testbed = await apiTestbed('api-units');

const { getDb } = await import('@/db/client');
const { rawGet } = await import('@/db/engine');
const { sql } = await import('drizzle-orm');
const { verifyAuditChain } = await import('@/db/audit/audit-log');
const { org } = await import('../setup/small-org');
const { incidents } = await import('@/db/schema');
const { buildIncident } = await import('@/features/demo/factories');
const unitsRoute = await import('@/app/api/v1/units/route');

const tokens = {} as { office: string; reporter: string };
const post = (body: unknown, token: string) => unitsRoute.POST(apiRequest('/api/v1/units', { token, body }), noParams);
const unit = async (code: string) =>
  (await rawGet<{ id: number; path: string; instituteId: number | null; parentId: number | null }>(
    getDb(),
    sql`SELECT id, path, institute_id AS "instituteId", parent_id AS "parentId" FROM units WHERE code = ${code}`,
  ))!;

beforeAll(async () => {
  await testbed.setUp();
  tokens.office = await testbed.token('u.office', 'office', 'HX');
  tokens.reporter = await testbed.token('u.rep', 'reporter', 'BJ01');
});
afterAll(testbed.tearDown);

describe('POST /api/v1/units', () => {
  it('creates units in order, a parent earlier in the same batch, and is idempotent by code', async () => {
    const batch = [
      { code: 'GZ', name: '广州分院', kind: 'branch', parentCode: 'HX' },
      { code: 'GZ01', name: '广州某所', nameEn: 'Guangzhou Institute', kind: 'institute', parentCode: 'GZ' },
      { code: 'GZ01-A', name: '一室', kind: 'department', parentCode: 'GZ01' },
    ];
    const first = await post(batch, tokens.office);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ created: 3 });
    expect(await (await post(batch, tokens.office)).json()).toMatchObject({ created: 0, unchanged: 3 });
    const gz01 = await unit('GZ01');
    expect(await unit('GZ01-A')).toMatchObject({ path: `${gz01.path}${(await unit('GZ01-A')).id}/`, instituteId: gz01.id });
    expect(gz01.instituteId).toBe(gz01.id);
  });

  it('moves a department to another institute with its subtree and the records filed in it', async () => {
    const res = await post({ code: 'BJ01-D1', name: '北京一所一室', kind: 'department', parentCode: 'BJ02' }, tokens.office);
    expect(res.status).toBe(200);
    expect(await unit('BJ01-D1')).toMatchObject({ parentId: org.BJ02, instituteId: org.BJ02, path: `/1/2/5/${org.BJ01_D1}/` });
    const stray = (await rawGet<{ n: number }>(
      getDb(),
      sql`SELECT count(*) AS n FROM incidents WHERE unit_id = ${org.BJ01_D1} AND institute_id <> ${org.BJ02}`,
    ))!;
    expect(stray.n).toBe(0);
    expect((await verifyAuditChain(getDb())).ok).toBe(true);
  });

  it('refuses a reporter (403), a wrong parent kind and a cycle (422), storing nothing', async () => {
    expect((await post({ code: 'ZZ', name: 'x', kind: 'branch', parentCode: 'HX' }, tokens.reporter)).status).toBe(403);
    const wrong = await post(
      [
        { code: 'OK1', name: 'x', kind: 'branch', parentCode: 'HX' },
        { code: 'BAD1', name: 'x', kind: 'institute', parentCode: 'BJ01' },
        { code: 'BJ', name: '北京分院', kind: 'branch', parentCode: 'BJ' },
      ],
      tokens.office,
    );
    expect(wrong.status).toBe(422);
    const details = (await wrong.json()).error.details;
    expect(details.map((d: { index: number; field: string }) => [d.index, d.field])).toEqual([
      [1, 'parentCode'],
      [2, 'parentCode'],
    ]);
    expect(await rawGet(getDb(), sql`SELECT count(*) AS n FROM units WHERE code = 'OK1'`)).toEqual({ n: 0 });
  });
});

describe('a move that would merge two records', () => {
  it('refuses moving a department whose record has the externalId of one in the new institute, storing nothing of the batch', async () => {
    await post({ code: 'BJ01-D9', name: '北京一所九室', kind: 'department', parentCode: 'BJ01' }, tokens.office);
    const d9 = await unit('BJ01-D9');
    const taken = (await rawGet<{ id: string }>(getDb(), sql`SELECT external_id AS id FROM incidents WHERE unit_id = ${org.SH01}`))!.id;
    await getDb()
      .insert(incidents)
      .values(buildIncident({ unitId: d9.id, instituteId: org.BJ01, externalId: taken }));
    // A second item after the refused one: the batch goes on being checked after the unique index said no
    // (on PostgreSQL only a savepoint keeps the transaction usable for it).
    const res = await post(
      [
        { code: 'BJ01-D9', name: '北京一所九室', kind: 'department', parentCode: 'SH01' },
        { code: 'OK2', name: 'x', kind: 'branch', parentCode: 'HX' },
      ],
      tokens.office,
    );
    expect(res.status).toBe(422);
    const details = (await res.json()).error.details;
    expect(details.map((d: { index: number; field: string }) => [d.index, d.field])).toEqual([[0, 'parentCode']]);
    expect(await unit('BJ01-D9')).toMatchObject({ parentId: org.BJ01, instituteId: org.BJ01, path: d9.path });
    expect(await rawGet(getDb(), sql`SELECT count(*) AS n FROM units WHERE code = 'OK2'`)).toEqual({ n: 0 });
    expect(await rawGet(getDb(), sql`SELECT institute_id AS i FROM incidents WHERE unit_id = ${d9.id}`)).toEqual({ i: org.BJ01 });
  });
});

describe('changing a unit kind', () => {
  it('sets what the unit rolls up to when its kind changes', async () => {
    await post({ code: 'KX', name: '待定', kind: 'branch', parentCode: 'HX' }, tokens.office);
    await post({ code: 'KX', name: '待定所', kind: 'institute', parentCode: 'HX' }, tokens.office);
    expect((await unit('KX')).instituteId).toBe((await unit('KX')).id);
    await post({ code: 'KX', name: '待定室', kind: 'department', parentCode: 'BJ02' }, tokens.office);
    expect((await unit('KX')).instituteId).toBe(org.BJ02);
  });
});
