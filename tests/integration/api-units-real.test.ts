import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRequest, apiTestbed, callJson } from '../setup/api-client';

// A real academy's unit list, as it arrives from another system (issue 14 item 9): unsorted, with
// headquarters bureaus and institutes attached straight to the academy, read by a Chinese client.
const testbed = await apiTestbed('api-units-real');

const { getDb } = await import('@/db/client');
const { rawAll } = await import('@/db/engine');
const { sql } = await import('drizzle-orm');
const unitsRoute = await import('@/app/api/v1/units/route');
const { parentsFirst } = await import('@/features/units/submit-units');

let office = '';
const post = (body: unknown, lang?: string) =>
  callJson(unitsRoute.POST, apiRequest('/api/v1/units', { token: office, body, headers: lang ? { 'accept-language': lang } : {} }));

beforeAll(async () => {
  await testbed.setUp();
  office = await testbed.token('ur.office', 'office', 'HX');
});
afterAll(testbed.tearDown);

describe('a unit batch sent children first', () => {
  it('is stored parents first, answering ids in the order sent', async () => {
    const batch = [
      { code: 'WH01-A', name: '一室', kind: 'department', parentCode: 'WH01' },
      { code: 'WH01', name: '武汉某所', kind: 'institute', parentCode: 'WH' },
      { code: 'WH', name: '武汉分院', kind: 'branch', parentCode: 'HX' },
      { code: 'IA', name: '直属某所', kind: 'institute', parentCode: 'HX' },
    ];
    const res = await post(batch);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 4 });
    const codeOf = new Map(
      (await rawAll<{ id: number; code: string }>(getDb(), sql`SELECT id, code FROM units`)).map((u) => [u.id, u.code]),
    );
    expect(res.body.ids.map((id: number) => codeOf.get(id))).toEqual(['WH01-A', 'WH01', 'WH', 'IA']);
    expect((await post(batch)).body).toMatchObject({ created: 0, unchanged: 4 });
  });

  it('orders any depth and leaves a cycle to the checks', () => {
    const order = parentsFirst([
      { code: 'c', parentCode: 'b' },
      { code: 'b', parentCode: 'a' },
      { code: 'a', parentCode: 'HX' },
    ]);
    expect(order).toEqual([2, 1, 0]);
    expect(
      parentsFirst([
        { code: 'x', parentCode: 'y' },
        { code: 'y', parentCode: 'x' },
      ]).sort(),
    ).toEqual([0, 1]);
  });
});

describe('unit codes', () => {
  it('refuses a code that differs from an existing one only in case, saying codes are case-sensitive', async () => {
    const res = await post({ code: 'ia', name: '重复', kind: 'institute', parentCode: 'HX' });
    expect(res.status).toBe(422);
    expect(res.body.error.details).toEqual([{ index: 0, field: 'code', message: expect.stringMatching(/IA.*case-sensitive/) }]);
  });

  it('says that Chinese characters are not allowed, instead of "letters"', async () => {
    const res = await post({ code: '武汉所', name: '武汉所', kind: 'institute', parentCode: 'HX' }, 'zh-CN,zh;q=0.9');
    expect(res.status).toBe(422);
    expect(res.body.error.details[0].message).toContain('不能使用汉字');
  });

  it('answers the top-level message in the language asked for', async () => {
    const zh = await post({ code: 'X1', name: '某所', kind: 'institute', parentCode: 'NOPE' }, 'zh-CN');
    expect(zh.body.error.message).toBe('发现 1 个问题，未保存任何内容。');
    expect(zh.body.error.details[0].message).toContain('区分大小写');
    const en = await post({ code: 'X1', name: '某所', kind: 'institute', parentCode: 'NOPE' });
    expect(en.body.error.message).toBe('1 problem(s) found; nothing was stored.');
  });
});

describe('headquarters bureaus and institutes attached to the academy', () => {
  it('hold a bureau beside the branches, with offices of its own, and no fake branch for an attached institute', async () => {
    const res = await post([
      { code: 'KJJ-1', name: '一处', kind: 'department', parentCode: 'KJJ' },
      { code: 'KJJ', name: '科技促进发展局', nameEn: 'Bureau of Science and Technology for Development', kind: 'bureau', parentCode: 'HX' },
      { code: 'HX-IA', name: '院直属某所', kind: 'institute', parentCode: 'HX' },
    ]);
    expect(res.status).toBe(200);
    expect(res.body.created).toBe(3);
    const kinds = await rawAll(
      getDb(),
      sql`SELECT code, kind, institute_id AS "instituteId" FROM units WHERE code IN ('KJJ', 'KJJ-1') ORDER BY code`,
    );
    expect(kinds).toEqual([
      { code: 'KJJ', kind: 'bureau', instituteId: null },
      { code: 'KJJ-1', kind: 'department', instituteId: null },
    ]);
  });

  it('refuses a bureau anywhere but under the academy', async () => {
    const res = await post({ code: 'KJJ-X', name: '错位的局', kind: 'bureau', parentCode: 'BJ' });
    expect(res.status).toBe(422);
    expect(res.body.error.details[0].field).toBe('parentCode');
  });

  it('names the heatmap group of attached institutes as such, not "no branch"', async () => {
    const { translate } = await import('@/domain/i18n/translate');
    expect(translate('zh-CN', 'heatmaps.noBranch')).toBe('院直属单位');
    expect(translate('en', 'heatmaps.noBranch')).toBe('Directly under the academy');
  });
});
