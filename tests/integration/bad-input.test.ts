import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRequest, apiTestbed, noParams, type Handler } from '../setup/api-client';

// The bad-input corpus (issue 7 part 4): every v1 endpoint, called as Next calls it, gets malformed JSON,
// wrong types, missing fields, out-of-range numbers, dates without offsets, unknown codes, 10 MB strings,
// deep nesting and bodies over the limit. Every answer must be a 4xx naming the field, never a 5xx, never a
// hang, and the process's memory must stay bounded.
const testbed = await apiTestbed('bad-input', { FENGHUO_API_RATE: '0' });

const { MAX_BODY_BYTES } = await import('@/server/api/body');
const routes = {
  projects: await import('@/app/api/v1/projects/route'),
  assessments: await import('@/app/api/v1/assessments/route'),
  hazards: await import('@/app/api/v1/hazards/route'),
  incidents: await import('@/app/api/v1/incidents/route'),
  inspections: await import('@/app/api/v1/inspections/route'),
  'ethics/committees': await import('@/app/api/v1/ethics/committees/route'),
  'ethics/activities': await import('@/app/api/v1/ethics/activities/route'),
  'ethics/annual-reports': await import('@/app/api/v1/ethics/annual-reports/route'),
  units: await import('@/app/api/v1/units/route'),
};
const ratings = await import('@/app/api/v1/ratings/route');
const me = await import('@/app/api/v1/me/route');
const openapi = await import('@/app/api/v1/openapi.json/route');

let office = '';
let reporter = '';

const dims = ['chokepoint', 'loss', 'regulatory', 'data', 'ethics', 'opinion', 'secrecy'].map((dimension) => ({
  dimension,
  likelihood: 2,
  impact: 3,
}));
/** A valid item of each writable kind, and its required fields (API.md, bold). */
const valid: Record<keyof typeof routes, { item: Record<string, unknown>; required: string[]; instants: string[] }> = {
  projects: {
    item: { externalId: 'P-BAD', unitCode: 'BJ01', title: '项目', domain: 'ai' },
    required: ['externalId', 'unitCode', 'title', 'domain'],
    instants: [],
  },
  assessments: {
    item: { externalId: 'A-BAD', unitCode: 'BJ01', projectExternalId: 'P-BAD', stage: 'initiation', dimensions: dims, status: 'draft' },
    required: ['externalId', 'unitCode', 'projectExternalId', 'stage', 'dimensions', 'status'],
    instants: [],
  },
  hazards: {
    item: {
      externalId: 'H-BAD',
      unitCode: 'BJ01',
      domain: 'ai',
      dimension: 'loss',
      severity: 'general',
      foundAt: '2026-03-01T09:00:00+08:00',
      dueAt: '2026-04-01',
    },
    required: ['externalId', 'unitCode', 'domain', 'dimension', 'severity', 'foundAt', 'dueAt'],
    instants: ['foundAt', 'dueAt'],
  },
  incidents: {
    item: { externalId: 'I-BAD', unitCode: 'BJ01', domain: 'drones', dimension: 'loss', tier: 4, occurredAt: '2026-03-04T09:30:00+08:00' },
    required: ['externalId', 'unitCode', 'domain', 'dimension', 'tier', 'occurredAt'],
    instants: ['occurredAt'],
  },
  inspections: {
    item: { externalId: 'S-BAD', unitCode: 'BJ01', inspectedAt: '2026-03-04T09:30:00Z' },
    required: ['externalId', 'unitCode', 'inspectedAt'],
    instants: ['inspectedAt'],
  },
  'ethics/committees': {
    item: { externalId: 'C-BAD', unitCode: 'BJ01', establishedAt: '2026-01-04' },
    required: ['externalId', 'unitCode', 'establishedAt'],
    instants: ['establishedAt'],
  },
  'ethics/activities': {
    item: { externalId: 'E-BAD', unitCode: 'BJ01', approvedAt: '2026-01-04' },
    required: ['externalId', 'unitCode', 'approvedAt'],
    instants: ['approvedAt'],
  },
  'ethics/annual-reports': {
    item: { unitCode: 'BJ01', year: 2025, submittedAt: '2026-01-04' },
    required: ['unitCode', 'year', 'submittedAt'],
    instants: ['submittedAt'],
  },
  units: { item: { code: 'BJ09', name: '新所', kind: 'institute', parentCode: 'BJ' }, required: ['code', 'name', 'kind'], instants: [] },
};

interface Answer {
  status: number;
  body: { error?: { code: string; message: string; details: { field: string; message: string; index?: number }[] } };
  ms: number;
}

/** Calls a handler with a deadline: a hang fails the test instead of stalling it. */
async function call(handler: Handler, req: Request): Promise<Answer> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const res = await Promise.race([
    handler(req, noParams),
    new Promise<never>(
      (_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within 15 s: ${req.method} ${req.url}`)), 15_000)),
    ),
  ]).finally(() => clearTimeout(timer));
  const text = await res.text();
  rss.push(process.memoryUsage().rss);
  let body: Answer['body'];
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`${req.method} ${req.url} answered ${res.status} with a body that is not JSON: ${text.slice(0, 200)}`);
  }
  return { status: res.status, body, ms: performance.now() - started };
}

function post(route: keyof typeof routes, body: string | Uint8Array, token = office, headers: Record<string, string> = {}) {
  return call(
    routes[route].POST as Handler,
    new Request(`http://localhost/api/v1/${route}`, {
      method: 'POST',
      body: body as BodyInit,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
    }),
  );
}
function get(handler: Handler, url: string, token = office) {
  return call(handler, apiRequest(url, { token }));
}

/** The answer is a client error in the documented body, naming `field` (or, without one, some field). */
function expectRefusal(a: Answer, what: string, field?: string) {
  const ctx = `${what} → ${a.status} ${JSON.stringify(a.body).slice(0, 300)}`;
  expect(a.status, ctx).toBeGreaterThanOrEqual(400);
  expect(a.status, ctx).toBeLessThan(500);
  expect(a.body.error?.code, ctx).toEqual(expect.any(String));
  const fields = a.body.error!.details.map((d) => d.field);
  expect(fields.length, ctx).toBeGreaterThan(0);
  if (field)
    expect(
      fields.some((f) => f === field || f.startsWith(`${field}.`)),
      ctx,
    ).toBe(true);
  for (const d of a.body.error!.details) expect(d.message, ctx).toEqual(expect.any(String));
}

const TEN_MB = 'x'.repeat(10 * 1024 * 1024);
const rss: number[] = [];

beforeAll(async () => {
  await testbed.setUp();
  office = await testbed.token('bad.office', 'office', 'HX', 'test');
  reporter = await testbed.token('bad.rep', 'reporter', 'BJ01', 'test');
  // The valid items really are valid (so each refusal below is the mutation's doing).
  for (const route of Object.keys(valid) as (keyof typeof routes)[]) {
    const a = await post(route, JSON.stringify(valid[route].item));
    expect(a.status, `${route}: ${JSON.stringify(a.body)}`).toBe(200);
  }
  rss.length = 0;
  rss.push(process.memoryUsage().rss);
});
afterAll(testbed.tearDown);

describe('bad-input corpus against every v1 endpoint', () => {
  const writable = Object.keys(valid) as (keyof typeof routes)[];

  it.each(writable)('POST %s: malformed bodies are refused as a whole, naming the body', async (route) => {
    const bodies: [string, string | Uint8Array][] = [
      ['truncated JSON', '{"externalId": "X", '],
      ['trailing garbage', `${JSON.stringify(valid[route].item)} xyz`],
      ['single quotes', "{'externalId': 'X'}"],
      ['empty body', ''],
      ['only whitespace', '   \n '],
      ['NaN literal', '{"tier": NaN}'],
      ['invalid UTF-8', new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d])],
      ['null', 'null'],
      ['a number', '42'],
      ['a string', '"hello"'],
      ['an empty array', '[]'],
      ['an array of nulls', '[null, null]'],
      ['an array of arrays', '[[1], [2]]'],
      ['deep arrays', `${'['.repeat(100_000)}${']'.repeat(100_000)}`],
      ['deep objects', `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`],
      ['too many items', JSON.stringify(Array.from({ length: 5001 }, () => valid[route].item))],
      ['prototype pollution', '{"__proto__": {"admin": true}, "constructor": {"prototype": {"x": 1}}}'],
    ];
    for (const [what, body] of bodies) expectRefusal(await post(route, body), `${route} ${what}`);
  });

  it.each(writable)('POST %s: a body over the limit is refused with 413 before it is read whole', async (route) => {
    const big = new Uint8Array(MAX_BODY_BYTES + 1024).fill(0x20);
    const declared = await post(route, big);
    expect(declared.status).toBe(413);
    expectRefusal(declared, `${route} over the limit`);
    // The same without a truthful Content-Length: a stream is counted as it arrives.
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new Uint8Array(1024 * 1024).fill(0x20));
      },
    });
    const req = new Request(`http://localhost/api/v1/${route}`, {
      method: 'POST',
      body: stream,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${office}` },
      duplex: 'half',
    } as RequestInit);
    const streamed = await call(routes[route].POST as Handler, req);
    expect(streamed.status).toBe(413);
    // The refusal names the limit, in the caller's language (issue 13 item 10).
    expect(declared.body.error!.details[0]).toEqual({ field: '(body)', message: expect.stringContaining('32 MB') });
    const zh = await post(route, big, office, { 'accept-language': 'zh-CN,zh;q=0.9' });
    expect(zh.status).toBe(413);
    expect(zh.body.error!.details[0]!.message).toBe('请求体超过 32 MB；请每次发送更少的条目。');
  });

  it.each(writable)(
    'POST %s: every field, missing, mistyped, oversized, out of range, without offset or unknown, is named',
    async (route) => {
      const { item, required, instants } = valid[route];
      const one = (changes: Record<string, unknown>, drop: string[] = []) => {
        const o: Record<string, unknown> = { ...item, ...changes };
        for (const f of drop) delete o[f];
        return JSON.stringify(o);
      };
      for (const f of required) expectRefusal(await post(route, one({}, [f])), `${route} without ${f}`, f);
      for (const f of Object.keys(item)) {
        for (const wrong of [{ nested: true }, [1, 2], f === 'tier' || f === 'year' ? 'four' : 12345, true])
          expectRefusal(await post(route, one({ [f]: wrong })), `${route} ${f}=${JSON.stringify(wrong)}`, f);
        if (required.includes(f)) expectRefusal(await post(route, one({ [f]: null })), `${route} ${f}=null`, f);
      }
      // 10 MB in the first text field and in a free-text field.
      const textField = Object.keys(item).find((f) => typeof item[f] === 'string')!;
      expectRefusal(await post(route, one({ [textField]: TEN_MB })), `${route} ${textField}=10 MB`, textField);
      for (const f of instants) {
        for (const bad of [
          '2026-03-04T09:30:00',
          '2026-03-04 09:30',
          '2026-02-30',
          '04/03/2026',
          '2026-03-04T25:00:00Z',
          '+275760-09-13T00:00:00Z',
          '',
        ])
          expectRefusal(await post(route, one({ [f]: bad })), `${route} ${f}=${bad}`, f);
      }
      const codes = ['unitCode', 'domain', 'dimension', 'parentCode', 'projectExternalId'].filter((f) => f in item);
      for (const f of codes) expectRefusal(await post(route, one({ [f]: 'NO-SUCH-CODE' })), `${route} unknown ${f}`, f);
      for (const f of ['stage', 'status', 'severity', 'kind'].filter((f) => f in item))
        expectRefusal(await post(route, one({ [f]: 'nonsense' })), `${route} ${f}=nonsense`, f);
    },
  );

  it('POST: numbers out of range are named, also inside nested items and batches', async () => {
    const inc = valid.incidents.item;
    for (const [f, v] of [
      ['tier', 0],
      ['tier', 5],
      ['tier', 2.5],
      ['deaths', -1],
      ['deaths', 1e12],
      ['seriousInjuries', 1.5],
      ['directLossCny', -100],
      ['directLossCny', 1e300],
    ] as const)
      expectRefusal(await post('incidents', JSON.stringify({ ...inc, [f]: v })), `incidents ${f}=${v}`, f);
    // JSON has no Infinity, but 1e400 parses to it.
    expectRefusal(await post('incidents', JSON.stringify(inc).replace('"tier":4', '"tier":1e400')), 'incidents tier=1e400', 'tier');
    const a = valid.assessments.item;
    for (const [f, v] of [
      ['likelihood', 0],
      ['likelihood', 6],
      ['impact', -3],
      ['dimension', 'not-a-dimension'],
    ] as const) {
      const dimensions = [{ ...dims[0], [f]: v }, ...dims.slice(1)];
      expectRefusal(await post('assessments', JSON.stringify({ ...a, dimensions })), `assessment dimension ${f}=${v}`, 'dimensions');
    }
    expectRefusal(await post('assessments', JSON.stringify({ ...a, dimensions: [] })), 'assessment without dimensions', 'dimensions');
    const batch = await post(
      'incidents',
      JSON.stringify([inc, { ...inc, externalId: 'I-BAD-2', tier: 9 }, { ...inc, externalId: 'I-BAD-3', occurredAt: 'x' }]),
    );
    expectRefusal(batch, 'batch with two bad items', 'tier');
    expect(batch.body.error!.details.map((d) => d.index)).toEqual([1, 2]);
    expectRefusal(
      await post('ethics/annual-reports', JSON.stringify({ ...valid['ethics/annual-reports'].item, year: 1899 })),
      'year 1899',
      'year',
    );
  });

  it('GET: bad query parameters are named; unknown units answer an empty page', async () => {
    const lists: [Handler, string][] = [
      ...writable.map((r) => [routes[r].GET as Handler, `/api/v1/${r}`] as [Handler, string]),
      [ratings.GET as Handler, '/api/v1/ratings'],
    ];
    for (const [handler, base] of lists) {
      const isRatings = base.endsWith('ratings');
      const cases: [string, string][] = isRatings
        ? [
            ['', 'year'],
            ['?year=abc', 'year'],
            ['?year=1e9', 'year'],
            ['?year=2026.5', 'year'],
            ['?year=2026&asOf=2026-03-04T09:30', 'asOf'],
            ['?year=2026&asOf=yesterday', 'asOf'],
            [`?year=2026&unit=${'U'.repeat(10_000)}`, 'unit'],
          ]
        : [
            ['?from=2026-03-04T09:30:00', 'from'],
            ['?to=not-a-date', 'to'],
            ['?cursor=-1', 'cursor'],
            ['?cursor=abc', 'cursor'],
            ['?limit=0', 'limit'],
            ['?limit=1e12', 'limit'],
            [`?unit=${'U'.repeat(10_000)}`, 'unit'],
          ];
      // Units are listed by kind, not by unit or date.
      if (base.endsWith('/units')) cases.splice(0, 2, ['?kind=planet', 'kind']).push(['?kind=', 'kind']);
      if (base.endsWith('/units'))
        cases.splice(
          cases.findIndex((c) => c[1] === 'unit'),
          1,
        );
      for (const [query, field] of cases) expectRefusal(await get(handler, `${base}${query}`), `GET ${base}${query.slice(0, 60)}`, field);
      if (!isRatings && !base.endsWith('/units')) {
        const empty = await get(handler, `${base}?unit=NO-SUCH-UNIT`, reporter);
        expect(empty).toMatchObject({ status: 200, body: { data: [], nextCursor: null } });
      }
    }
  });

  it('every endpoint refuses a missing, malformed or enormous token with 401, and me/openapi answer', async () => {
    const handlers: Handler[] = [
      ...Object.values(routes).flatMap((r) => [r.GET as Handler, r.POST as Handler]),
      ratings.GET as Handler,
      me.GET as Handler,
    ];
    for (const handler of handlers)
      for (const auth of [undefined, 'Bearer', 'Basic abc', `Bearer ${'A'.repeat(100_000)}`, 'Bearer fh_\u0000\u0001']) {
        const req = new Request('http://localhost/api/v1/x?year=2026', {
          method: handler.name === 'POST' ? 'POST' : 'GET',
          headers: auth ? { authorization: auth.replace(/[^\x20-\x7e]/g, '?') } : {},
        });
        const a = await call(handler, req);
        expect(a.status).toBe(401);
        expect(a.body.error?.code).toBe('unauthorized');
      }
    expect((await get(me.GET as Handler, '/api/v1/me')).status).toBe(200);
    const doc = openapi.GET();
    expect(doc.status).toBe(200);
  });

  it('memory stays bounded through the corpus', () => {
    const baseline = rss[0]!;
    const peak = Math.max(...rss);
    console.log(
      `bad-input corpus: ${rss.length} answers, RSS baseline ${(baseline / 2 ** 20).toFixed(0)} MB, peak ${(peak / 2 ** 20).toFixed(0)} MB`,
    );
    // Bodies are read up to 32 MB and parsed once: growth stays a small multiple of the largest body.
    expect(peak - baseline).toBeLessThan(400 * 2 ** 20);
  });
});
