import { ratingsFollowWrites } from '@/features/rating/follow-writes';
import { sqlOne, sqlRun } from './record-sql';
import { recordApiRoutes, type RecordRoute } from './record-api-routes';
import ExcelJS from 'exceljs';
import { getTableName } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/domain/auth/actor';
import { serverDbFile } from '../setup/server-db-file';
import type { RecordIds } from '../setup/small-org';

// The cross-unit isolation matrix, generated: every record kind × {list, read, create, update, withdraw,
// export} × {interface, API} × {reporter, unit manager of an institute; branch officer}, each against
// another institute's (or another branch's) records. Interface writes go through the real server actions
// (safeAction / recordAction), reads through the queries the pages call with the viewer's scope, the
// export through the real warning-notice route handler; the API through the real v1 route handlers. Every
// attempt must be refused or filtered, write nothing, and answer a missing id exactly as an existing one.
// A positive control per kind and channel shows the same call succeeds on the attacker's own unit, so a
// refusal is the scope's doing and not a broken harness. Then the figures: the overview's counts, the
// ratings table, the units and warning list, the notice and the ratings API must not move when another
// unit's records change.
const server = serverDbFile('fenghuo-iso-matrix-', 'matrix.db');
const { who } = await import('../setup/request-mocks');
const { getDb } = await import('@/db/client');
const { serverSmallOrg, userWithToken } = await import('../setup/server-small-org');
const { addUser } = await import('../setup/small-org');
const { createApiToken } = await import('@/features/auth/api-tokens');
const { resolveActor } = await import('@/features/auth/resolve-actor');
const { canReadAudit } = await import('@/domain/auth/roles');
const { recordKindCodes, recordKinds } = await import('@/db/records/record-kinds');
const { listRecords } = await import('@/db/records/list');
const { readRecord, projectOptions, filingUnits, recordHistory, projectAssessments } = await import('@/db/records/read');
const { countRecordsByKind, hazardStatus, incidentsByDomainAndTier } = await import('@/db/dashboards/overview');
const { countUnitsByKind, listUnitsInScope } = await import('@/db/units/units');
const { listWarningEntries } = await import('@/db/rating/warning-list');
const { listRatingRuleSets } = await import('@/db/rule-sets/rating-rule-sets');
const { ratingTableRows } = await import('@/db/rating/ratings');
const { ensureYearRatings } = await import('@/features/rating/year-ratings');
const { submitRecords } = await import('@/features/records/submit');
const { appendAudit } = await import('@/db/audit/audit-log');
const { shanghaiYear, yearStart } = await import('@/domain/time/shanghai');
const { ALL_UNITS } = await import('@/domain/auth/actor');
const { saveRecordAction } = await import('@/server/actions/records');
const wf = await import('@/server/actions/workflow');
const notice = await import('@/app/(app)/ratings/notice/route');
const ratingsApi = await import('@/app/api/v1/ratings/route');

type Kind = (typeof recordKindCodes)[number];
type Route = RecordRoute;
const routes = await recordApiRoutes();

const db = getDb();
const now = new Date();
const YEAR = shanghaiYear(now);
type Owner = 'BJ01' | 'BJ02' | 'SH01' | 'BJ01_D1';
const codeOf: Record<Owner, string> = { BJ01: 'BJ01', BJ02: 'BJ02', SH01: 'SH01', BJ01_D1: 'BJ01-D1' };
let ids: RecordIds;

// ---- the attackers and whom they attack -------------------------------------------------------------
interface Attacker {
  name: string;
  role: 'reporter' | 'unit_manager' | 'branch_officer';
  unit: string;
  /** A unit of its own where the positive control writes. */
  own: Owner;
  targets: Owner[];
  actor?: Actor;
  token?: string;
}
const attackers: Attacker[] = [
  { name: 'reporter of BJ01', role: 'reporter', unit: 'BJ01', own: 'BJ01', targets: ['SH01', 'BJ02'] },
  { name: 'unit manager of BJ01', role: 'unit_manager', unit: 'BJ01', own: 'BJ01', targets: ['SH01', 'BJ02'] },
  { name: 'branch officer of BJ', role: 'branch_officer', unit: 'BJ', own: 'BJ02', targets: ['SH01'] },
];
const ops = ['list', 'read', 'create', 'update', 'withdraw', 'export'] as const;
const channels = ['interface', 'API'] as const;
const pairs = attackers.flatMap((a) => a.targets.map((target) => ({ a, target })));
const cells = pairs.flatMap(({ a, target }) =>
  recordKindCodes.flatMap((kind) => channels.flatMap((channel) => ops.map((op) => ({ a, target, kind, channel, op })))),
);
const MATRIX_SIZE = cells.length;

// ---- helpers ------------------------------------------------------------------------------------------
const one = <T>(text: string, ...params: unknown[]) => sqlOne<T>(db, text, ...params);
const tableOf = (kind: Kind) => getTableName(recordKinds[kind].table);
const rowOf = async (kind: Kind, id: number) => JSON.stringify(await sqlOne(db, `SELECT * FROM ${tableOf(kind)} WHERE id = ?`, id));
const auditCount = async () => (await one<{ n: number }>('SELECT count(*) AS n FROM audit_log')).n;
const rowCount = async (kind: Kind) => (await one<{ n: number }>(`SELECT count(*) AS n FROM ${tableOf(kind)}`)).n;
const extOf = async (kind: Kind, id: number) =>
  kind === 'ethics-annual-reports'
    ? String((await one<{ year: number }>('SELECT year FROM ethics_annual_reports WHERE id = ?', id)).year)
    : (await one<{ v: string }>(`SELECT external_id AS v FROM ${tableOf(kind)} WHERE id = ?`, id)).v;
const unitNameOf = async (code: string) => (await one<{ name: string }>('SELECT name FROM units WHERE code = ?', code)).name;

/** Asserts that running `attempt` wrote nothing at all: no audit entry, no row, the target row unchanged. */
async function writesNothing(kind: Kind, targetId: number, attempt: () => Promise<unknown>) {
  const before = { audit: await auditCount(), rows: await rowCount(kind), target: await rowOf(kind, targetId) };
  await attempt();
  expect({ audit: await auditCount(), rows: await rowCount(kind), target: await rowOf(kind, targetId) }).toEqual(before);
}

function form(values: Record<string, string | number>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) f.set(k, String(v));
  return f;
}
async function act<T>(actor: Actor, action: (prev: null, f: FormData) => Promise<T>, values: Record<string, string | number>) {
  who.actor = actor;
  who.locale = 'en';
  return action(null, form(values));
}

const projectExtOf = (owner: Owner) => extOf('projects', ids.projects[owner]);
let serial = 0;
const fresh = (kind: Kind) => `M-${kind}-${++serial}`;
// Annual reports are keyed by unit and year: each new one gets a year no other has (the seed uses 2024-25).
let reportYear = 2030;

/** What a person would type into the kind's form to file a new record for `unitCode`. */
async function formFor(kind: Kind, owner: Owner): Promise<Record<string, string>> {
  const unitCode = codeOf[owner];
  const base = { recordKind: kind, externalId: fresh(kind), unitCode };
  switch (kind) {
    case 'projects':
      return { ...base, title: 'matrix', domain: 'ai' };
    case 'assessments':
      return {
        ...base,
        projectExternalId: await projectExtOf(owner),
        stage: 'initiation',
        intent: 'draft',
        'dim.data.likelihood': '1',
        'dim.data.impact': '2',
      };
    case 'hazards':
      return { ...base, domain: 'ai', dimension: 'data', severity: 'general', foundAt: '2026-03-01', dueAt: '2026-04-01' };
    case 'incidents':
      return { ...base, domain: 'ai', dimension: 'data', occurredAt: '2026-03-01T10:00', tier: '4' };
    case 'inspections':
      return { ...base, kind: 'supervision', inspectedAt: '2026-03-01' };
    case 'ethics-committees':
      return { ...base, establishedAt: '2026-03-01' };
    case 'ethics-activities':
      return { ...base, approvedAt: '2026-03-01' };
    case 'ethics-annual-reports':
      return { recordKind: kind, unitCode, year: String(++reportYear), submittedAt: '2020-03-01' };
  }
}

const dims = ['chokepoint', 'loss', 'regulatory', 'data', 'ethics', 'opinion', 'secrecy'].map((dimension) => ({
  dimension,
  likelihood: 1,
  impact: 2,
}));
/** The API item for a record of `owner` (a new one, or the stored one by its key when `existingId`). */
async function apiItemFor(kind: Kind, owner: Owner, existingId?: number): Promise<Record<string, unknown>> {
  const f = await formFor(kind, owner);
  const externalId = existingId ? await extOf(kind, existingId) : f.externalId;
  const rest = Object.fromEntries(Object.entries(f).filter(([k]) => k !== 'recordKind' && k !== 'intent' && !k.startsWith('dim.')));
  if (kind === 'ethics-annual-reports') return { ...rest, year: Number(existingId ? externalId : rest.year) };
  if (kind === 'assessments') return { ...rest, externalId, status: 'submitted', dimensions: dims };
  if (kind === 'incidents') return { ...rest, externalId, occurredAt: '2026-03-01T10:00:00+08:00', tier: 4 };
  return { ...rest, externalId };
}

const noParams = { params: Promise.resolve({}) } as never;
const apiPost = (kind: Kind, token: string, body: unknown) =>
  routes[kind].POST(
    new Request('http://localhost/api/v1/x', { method: 'POST', body: JSON.stringify(body), headers: { authorization: `Bearer ${token}` } }),
    noParams,
  );
const apiGet = async (route: Route, token: string, query = '') => {
  const res = await route.GET(
    new Request(`http://localhost/api/v1/x${query}`, { headers: { authorization: `Bearer ${token}` } }),
    noParams,
  );
  return { status: res.status, text: await res.text() };
};
const refusalText = (result: { ok: boolean; error?: string; fieldErrors?: Record<string, string> }) =>
  JSON.stringify({ ok: result.ok, error: result.error, fields: result.fieldErrors });

async function noticeText(actor: Actor): Promise<string> {
  who.actor = actor;
  who.locale = 'en';
  const res = await notice.GET(new Request(`http://localhost/ratings/notice?year=${YEAR}&format=xlsx`));
  expect(res.status).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
  const out: string[] = [];
  wb.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => out.push(String(cell.text)))));
  return out.join('\n');
}

/** Every workflow step the interface offers on a record of this kind, as (action, form) pairs. */
function workflowSteps(kind: Kind, id: number): [(prev: null, f: FormData) => Promise<{ ok: boolean }>, Record<string, string | number>][] {
  const day = '2026-03-05T10:00';
  switch (kind) {
    case 'assessments':
      return [
        [wf.submitAssessmentAction, { id }],
        [wf.decideAssessmentAction, { id, decision: 'approve' }],
        [wf.decideAssessmentAction, { id, decision: 'reject', comment: 'no' }],
      ];
    case 'projects':
      return [
        [wf.startProjectAction, { id, startedAt: day }],
        [wf.majorChangeAction, { id, changedAt: day, note: 'x', pause: 'on' }],
        [wf.resumeProjectAction, { id }],
      ];
    case 'hazards':
      return [
        [wf.rectifyHazardAction, { id, rectifiedAt: day, note: 'x' }],
        [wf.verifyHazardAction, { id }],
      ];
    case 'incidents':
      return [
        [wf.advanceIncidentAction, { id, to: 'investigating' }],
        [wf.advanceIncidentAction, { id, to: 'closed' }],
        [wf.concealIncidentAction, { id, concealed: 'true' }],
      ];
    default:
      return [];
  }
}

beforeAll(async () => {
  ({ ids } = await serverSmallOrg(new Date(`${YEAR}-03-04T09:30:00+08:00`)));
  // Names that could appear nowhere by accident, so finding one in an answer means it leaked.
  await sqlRun(db, "UPDATE units SET name = '保密单位-' || code, name_en = 'Secret unit ' || code");
  for (const a of attackers) {
    const login = `m.${a.role}.${a.unit}`.toLowerCase();
    ({ token: a.token, actor: a.actor } = await userWithToken(db, login, a.role, a.unit, 'matrix'));
  }
  // A history entry for every seeded record, so that hiding a record's history is something to prove.
  const unitIds = new Map<Owner, number>();
  for (const o of Object.keys(codeOf) as Owner[])
    unitIds.set(o, (await one<{ id: number }>('SELECT id FROM units WHERE code = ?', codeOf[o])).id);
  const unitIdOf = (o: Owner) => unitIds.get(o)!;
  await appendAudit(
    db,
    recordKindCodes.flatMap((kind) =>
      (Object.keys(ids[kind]) as Owner[]).map((o) => ({
        actorUserId: null,
        action: 'create',
        entityKind: kind,
        entityId: ids[kind][o],
        unitId: unitIdOf(o),
        before: null,
        after: { note: 'seeded' },
      })),
    ),
    now,
  );
  // The seeded records are rated as a committed write's event rates them (reads never rate).
  await ratingsFollowWrites(db, now);
  await ensureYearRatings(db, YEAR, now);
});
afterAll(() => {
  db.close();
  server.remove();
});

it('the matrix covers every kind, operation, channel and role', () => {
  expect(recordKindCodes).toHaveLength(8);
  expect(new Set(cells.map((c) => c.a.role))).toEqual(new Set(['reporter', 'unit_manager', 'branch_officer']));
  // 5 attacker/target pairs × 8 kinds × 6 operations × 2 channels.
  expect(MATRIX_SIZE).toBe(480);
});

describe.each(pairs.map((p) => ({ ...p, label: `${p.a.name} → ${p.target}` })))('$label', ({ a, target }) => {
  const targetCode = codeOf[target];

  describe.each(recordKindCodes.map((kind) => ({ kind })))('$kind', ({ kind }) => {
    const targetId = () => ids[kind][target];
    const missingId = 987_654;

    it.each(channels.flatMap((channel) => ops.map((op) => ({ channel, op }))))(
      '$channel $op is refused or filtered',
      async ({ channel, op }) => {
        const actor = a.actor!;
        const token = a.token!;
        const id = targetId();
        const ext = await extOf(kind, id);

        if (channel === 'interface') {
          switch (op) {
            case 'list': {
              // The list page, with a search for the record's reference and a filter on its unit's path.
              const unitPath = (await one<{ path: string }>('SELECT path FROM units WHERE code = ?', targetCode)).path;
              for (const filters of [{}, { q: ext }, { unitPath }]) {
                const page = await listRecords(db, actor.scope, kind, filters);
                expect(page.rows.map((r) => r.id)).not.toContain(id);
                expect(page.rows.map((r) => r.unitCode)).not.toContain(targetCode);
              }
              expect((await listRecords(db, actor.scope, kind, { unitPath })).total).toBe(0);
              // The forms' choices: the unit select and the project select.
              expect((await filingUnits(db, actor.scope)).map((u) => u.code)).not.toContain(targetCode);
              expect((await projectOptions(db, actor.scope)).map((p) => p.id)).not.toContain(ids.projects[target]);
              return;
            }
            case 'read': {
              // The record page and its edit page both open the record through readRecord with the scope.
              const access = await readRecord(db, actor.scope, kind, id);
              expect(access).toEqual({ status: 'forbidden' });
              expect(await readRecord(db, actor.scope, kind, missingId)).toEqual(access);
              // Nor its history from the audit log, nor (for a project) its assessments.
              expect(await recordHistory(db, actor.scope, kind, id)).toEqual([]);
              expect((await recordHistory(db, ALL_UNITS, kind, id)).length).toBeGreaterThan(0);
              if (kind === 'projects') {
                expect(await projectAssessments(db, actor.scope, id)).toEqual([]);
                expect((await projectAssessments(db, ALL_UNITS, id)).length).toBeGreaterThan(0);
              }
              return;
            }
            case 'create': {
              let answer: Awaited<ReturnType<typeof saveRecordAction>> | undefined;
              await writesNothing(kind, id, async () => (answer = await act(actor, saveRecordAction, await formFor(kind, target))));
              expect(answer).toMatchObject({ ok: false });
              expect(JSON.stringify(answer)).not.toContain(await unitNameOf(targetCode));
              return;
            }
            case 'update': {
              const edit = { ...(await formFor(kind, target)), id: String(id) };
              let answer: Awaited<ReturnType<typeof saveRecordAction>> | undefined;
              await writesNothing(kind, id, async () => (answer = await act(actor, saveRecordAction, edit)));
              expect(answer).toMatchObject({ ok: false });
              const probe = await act(actor, saveRecordAction, { ...edit, id: String(missingId) });
              expect(refusalText(probe)).toBe(refusalText(answer!));
              // Every workflow step of the kind, too.
              for (const [action, values] of workflowSteps(kind, id)) {
                let step: { ok: boolean } | undefined;
                await writesNothing(kind, id, async () => (step = await act(actor, action, values)));
                expect(step, `${action.name} ${JSON.stringify(values)}`).toMatchObject({ ok: false });
              }
              return;
            }
            case 'withdraw': {
              let answer: Awaited<ReturnType<typeof wf.withdrawRecordAction>> | undefined;
              await writesNothing(kind, id, async () => (answer = await act(actor, wf.withdrawRecordAction, { id, kind, reason: 'x' })));
              expect(answer).toMatchObject({ ok: false });
              const probe = await act(actor, wf.withdrawRecordAction, { id: missingId, kind, reason: 'x' });
              expect(refusalText(probe)).toBe(refusalText(answer!));
              return;
            }
            case 'export': {
              // The warning notice (XLSX), the interface's export, within the viewer's scope.
              const text = await noticeText(actor);
              expect(text).not.toContain(targetCode);
              expect(text).not.toContain(await unitNameOf(targetCode));
              expect(text).not.toContain(ext);
              return;
            }
          }
        } else {
          const route = routes[kind];
          switch (op) {
            case 'list': {
              const all = await apiGet(route, token, '?limit=1000');
              expect(all.status).toBe(200);
              const rows = JSON.parse(all.text).data as { id: number; unitCode: string }[];
              expect(rows.map((r) => r.id)).not.toContain(id);
              expect(rows.map((r) => r.unitCode)).not.toContain(targetCode);
              return;
            }
            case 'read': {
              const branch = target === 'SH01' ? 'SH' : 'BJ';
              for (const unit of [targetCode, ...(a.role === 'branch_officer' ? [branch] : [])]) {
                const filtered = await apiGet(route, token, `?unit=${unit}&limit=1000`);
                expect(filtered.status).toBe(200);
                expect(JSON.parse(filtered.text)).toEqual({ data: [], nextCursor: null });
                // An unknown unit answers exactly alike.
                expect((await apiGet(route, token, `?unit=NOPE${unit}&limit=1000`)).text).toBe(filtered.text);
              }
              return;
            }
            case 'create':
            case 'update':
            case 'withdraw': {
              const item =
                op === 'create'
                  ? await apiItemFor(kind, target)
                  : {
                      ...(await apiItemFor(kind, target, id)),
                      ...(op === 'withdraw' ? { status: 'withdrawn' } : { title: 'changed', summary: 'changed' }),
                    };
              let res: Response | undefined;
              await writesNothing(kind, id, async () => (res = await apiPost(kind, token, item)));
              expect(res!.status).toBe(403);
              const body = await res!.text();
              expect(body).not.toContain(await unitNameOf(targetCode));
              // Whether the record exists cannot be told from the answer.
              if (op !== 'create') {
                const probe = await apiPost(kind, token, {
                  ...(await apiItemFor(kind, target)),
                  ...(op === 'withdraw' ? { status: 'withdrawn' } : {}),
                });
                expect(probe.status).toBe(403);
                const norm = (s: string) => s.replace(/M-[\w-]+-\d+|"\d{4}"|\b20\d\d\b/g, 'REF');
                expect(norm(await probe.text())).toBe(norm(body));
              }
              return;
            }
            case 'export': {
              // The ratings API, the API's export: nothing of the other unit, asked for or not.
              const asked = await apiGet(ratingsApi as unknown as Route, token, `?year=${YEAR}&unit=${targetCode}`);
              expect(JSON.parse(asked.text)).toEqual({ data: [], nextCursor: null });
              const all = await apiGet(ratingsApi as unknown as Route, token, `?year=${YEAR}`);
              expect(all.status).toBe(200);
              expect(all.text).not.toContain(targetCode);
              expect(all.text).not.toContain(ext);
              return;
            }
          }
        }
      },
    );
  });

  it('the audit log, which shows every unit’s changes, is not open to this role', () => {
    expect(canReadAudit(a.role)).toBe(false);
  });
});

describe.each(attackers.map((a) => ({ a, label: a.name })))('positive controls for the $label', ({ a }) => {
  it.each(recordKindCodes.map((kind) => ({ kind })))(
    'creates, reads and withdraws its own $kind through both channels',
    async ({ kind }) => {
      const actor = a.actor!;
      const saved = await act(actor, saveRecordAction, await formFor(kind, a.own));
      expect(saved, JSON.stringify(saved)).toMatchObject({ ok: true });
      const id = saved.ok ? saved.data.id : 0;
      expect((await readRecord(db, actor.scope, kind, id)).status).toBe('ok');
      expect(await act(actor, wf.withdrawRecordAction, { id, kind, reason: 'control' })).toMatchObject({ ok: true });
      const res = await apiPost(kind, a.token!, await apiItemFor(kind, a.own));
      expect(res.status, await res.clone().text()).toBe(200);
      const {
        ids: [apiId],
      } = (await res.json()) as { ids: number[] };
      const listed = JSON.parse((await apiGet(routes[kind], a.token!, `?unit=${codeOf[a.own]}&limit=1000`)).text).data as { id: number }[];
      expect(listed.map((r) => r.id)).toContain(apiId);
    },
  );
});

// ---- the figures: nothing another unit does may move them ----------------------------------------------
async function figures(actor: Actor) {
  await ensureYearRatings(db, YEAR, new Date());
  const apiRatings = await apiGet(ratingsApi as unknown as Route, resolveTokenOf(actor), `?year=${YEAR}`);
  return {
    records: await countRecordsByKind(db, actor.scope),
    units: await countUnitsByKind(db, actor.scope),
    unitList: (await listUnitsInScope(db, actor.scope)).map((u) => u.code),
    hazards: await hazardStatus(db, actor.scope, new Date(`${YEAR}-12-31T00:00:00+08:00`)),
    incidents: await incidentsByDomainAndTier(db, actor.scope, yearStart(YEAR), new Date(`${YEAR + 1}-01-01T00:00:00+08:00`)),
    ratings: (await ratingTableRows(db, actor.scope, YEAR, 'provisional')).map((r) => [r.unitCode, r.level, r.points]),
    warningList: (await listWarningEntries(db, actor.scope)).map((e) => e.id),
    ruleSetUse: (await listRatingRuleSets(db, actor.scope)).map((v) => [v.version, v.usedBy]),
    notice: (await noticeText(actor)).replace(/\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?/g, 'TIME'),
    apiRatings: JSON.parse(apiRatings.text).data.map((r: { unitCode: string; level: string; points: number }) => [
      r.unitCode,
      r.level,
      r.points,
    ]),
  };
}
const tokenByUser = new Map<number, string>();
function resolveTokenOf(actor: Actor): string {
  return tokenByUser.get(actor.userId) ?? attackers.find((x) => x.actor?.userId === actor.userId)!.token!;
}

/** The office files one record of every kind, and a serious incident, for `owner`. */
async function officeFilesFor(owner: Owner) {
  const office = (await resolveActor(db, { cliLogin: 'm.office' }))!;
  for (const kind of recordKindCodes) {
    const item = await apiItemFor(kind, owner);
    await submitRecords(db, office, kind, [item], { now: new Date(), source: 'api' });
  }
  await submitRecords(
    db,
    office,
    'incidents',
    [
      {
        externalId: fresh('incidents'),
        unitCode: codeOf[owner],
        domain: 'ai',
        dimension: 'loss',
        tier: 2,
        occurredAt: `${YEAR}-02-01T10:00:00+08:00`,
        reportedAt: `${YEAR}-02-01T10:30:00+08:00`,
      },
    ],
    { now: new Date(), source: 'api' },
  );
  // What every write edge does once its transaction commits (reads never rate): the ratings follow.
  await ratingsFollowWrites(db, new Date());
}

describe('dashboards and counts', () => {
  beforeAll(async () => {
    await addUser(db, 'm.office', 'office', 'HX');
  });

  it.each(attackers.map((a) => ({ a, label: a.name })))(
    'no figure the $label sees moves when other units’ records change, and its own do',
    async ({ a }) => {
      const actor = a.actor!;
      const before = await figures(actor);
      for (const target of a.targets) await officeFilesFor(target);
      expect(await figures(actor)).toEqual(before);
      // The control: the same filing in its own unit changes what it sees.
      await officeFilesFor(a.own);
      const after = await figures(actor);
      expect(after.records).not.toEqual(before.records);
      expect(after.incidents).not.toEqual(before.incidents);
      expect(after.ratings).not.toEqual(before.ratings);
    },
  );

  it('the rule sets page counts only the ratings the viewer may see (it counted the whole academy’s)', async () => {
    const rated = async (scope: Actor['scope']) => (await listRatingRuleSets(db, scope)).reduce((n, v) => n + v.usedBy, 0);
    const own = async (a: Attacker) =>
      (
        await one<{ n: number }>(
          `SELECT count(*) AS n FROM ratings WHERE institute_id IN (${(a.actor!.scope as { unitIds: readonly number[] }).unitIds.join(',')})`,
        )
      ).n;
    for (const a of attackers) expect(await rated(a.actor!.scope), a.name).toBe(await own(a));
    expect(await rated(attackers[0]!.actor!.scope)).toBeLessThan(await rated(ALL_UNITS));
    expect(await rated(ALL_UNITS)).toBe((await one<{ n: number }>('SELECT count(*) AS n FROM ratings')).n);
  });

  it('the office, seeing the whole academy, does see the other units move (the figures are live)', async () => {
    const office = (await resolveActor(db, { cliLogin: 'm.office' }))!;
    tokenByUser.set(office.userId, (await createApiToken(db, office.userId, 'office')).token);
    const before = await countRecordsByKind(db, ALL_UNITS);
    await officeFilesFor('SH01');
    expect(await countRecordsByKind(db, ALL_UNITS)).not.toEqual(before);
  });
});
