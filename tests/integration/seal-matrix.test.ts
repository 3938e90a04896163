import { getTableName } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/domain/auth/actor';
import type { Role } from '@/domain/reference/roles';
import { sqlAll, sqlOne, sqlRun } from './record-sql';
import { recordApiRoutes } from './record-api-routes';
import { serverDbFile } from '../setup/server-db-file';

// Generated from the seal table (domain/records/seal-rules.ts), as the isolation matrix is from the kinds: every
// record kind × sealing state × role × channel (API route handler, spreadsheet import, record form server
// action; for withdrawal the form's withdraw action) × operation (change each field the table names,
// withdraw, resend unchanged). The expected answer is read from the table's data — sealed fields and
// withdrawal to the seal's level, review fields to theirs, free fields to every submitter — not from
// judgeChange. A refusal must write nothing (row, dimensions and audit chain unchanged, so no rating can
// move) and name the field; an allowed change must land. Positive controls: the same changes before the
// decision, by a reporter.
const server = serverDbFile('fenghuo-seal-matrix-', 'seal.db');
process.env.FENGHUO_API_RATE = '0';
const { who } = await import('../setup/request-mocks');
const { getDb } = await import('@/db/client');
const { serverSmallOrg, userWithToken } = await import('../setup/server-small-org');
const { recordKindCodes, recordKinds } = await import('@/db/records/record-kinds');
const { submitRecords } = await import('@/features/records/submit');
const { importSpreadsheet } = await import('@/features/import/import');
const { sealTable, reviewsAt } = await import('@/domain/records/seal-rules');
const { saveRecordAction } = await import('@/server/actions/records');
const { withdrawRecordAction } = await import('@/server/actions/workflow');
const fx = await import('../setup/seal-fixtures');

type Kind = (typeof recordKindCodes)[number];
const routes = await recordApiRoutes();

const db = getDb();
const now = new Date();
const roles: Role[] = ['reporter', 'branch_officer', 'unit_manager', 'office', 'admin', 'leader'];
const unitOf: Record<Role, string> = {
  reporter: 'BJ01',
  branch_officer: 'BJ',
  unit_manager: 'BJ01',
  office: 'HX',
  admin: 'HX',
  leader: 'HX',
};
const people = {} as Record<Role, { actor: Actor; token: string }>;
const channels = ['api', 'import', 'form'] as const;
type Channel = (typeof channels)[number];
type Op = { op: 'change'; field: string } | { op: 'withdraw' } | { op: 'unchanged' };
type Answer = 'updated' | 'unchanged' | 'refused';
interface Cell {
  kind: Kind;
  state: string;
  role: Role;
  channel: Channel;
  op: Op;
  expected: Answer;
}

// Incidents of a past year sent without a report time, so that every field of the table, reportTimeUnknown
// too (decision 033), can be changed through every channel.
const fixtureOf = (kind: Kind, state: string) =>
  kind === 'incidents' ? fx.pastYearIncident(fx.fixture(kind, state)) : fx.fixture(kind, state);

// ---- the cells, from the table ---------------------------------------------------------------------------
const cells: Cell[] = [];
const neverSealed: Kind[] = [];
for (const kind of recordKindCodes) {
  const rule = sealTable[kind];
  if (rule.seals.length === 0) {
    neverSealed.push(kind);
    continue;
  }
  // The annual report's year is its key: another year is another report, not a change.
  const fields = [...new Set([...rule.seals.flatMap((s) => s.sealed), ...Object.keys(rule.reviewFields), ...rule.free])].filter(
    (f) => f !== 'year' && fx.withChange(kind, fixtureOf(kind, rule.seals[0]!.state), f) !== null,
  );
  const ops: Op[] = [...fields.map((field) => ({ op: 'change' as const, field })), { op: 'withdraw' }, { op: 'unchanged' }];
  for (const seal of rule.seals)
    for (const role of roles)
      for (const channel of channels)
        for (const op of ops) {
          let expected: Answer;
          if (role === 'leader') expected = 'refused';
          else if (op.op === 'unchanged') expected = 'unchanged';
          else if (op.op === 'withdraw') expected = reviewsAt(role, seal.level) ? 'updated' : 'refused';
          else if (rule.reviewFields[op.field]) expected = reviewsAt(role, rule.reviewFields[op.field]!) ? 'updated' : 'refused';
          else if (seal.sealed.includes(op.field)) expected = reviewsAt(role, seal.level) ? 'updated' : 'refused';
          else expected = 'updated';
          // The form turns an assessment back into a draft or a submission, so it never edits an approved one
          // (recordForms.lockedDecided) and never resends one unchanged.
          if (channel === 'form' && kind === 'assessments' && op.op !== 'withdraw') {
            if (op.op === 'unchanged' && seal.state === 'rejected') continue;
            if (seal.state === 'approved') expected = 'refused';
          }
          cells.push({ kind, state: seal.state, role, channel, op, expected });
        }
  // Positive controls: before the decision a reporter changes every field but the reviewers' own.
  for (const channel of channels)
    for (const op of ops.filter(
      (o) => o.op === 'withdraw' || (o.op === 'change' && fx.withChange(kind, fixtureOf(kind, 'before'), o.field)),
    ))
      cells.push({
        kind,
        state: 'before',
        role: 'reporter',
        channel,
        op,
        expected: op.op === 'change' && rule.reviewFields[op.field] ? 'refused' : 'updated',
      });
}

// ---- running one cell ------------------------------------------------------------------------------------
const table = (kind: Kind) => getTableName(recordKinds[kind].table);
const snapshot = async (kind: Kind, id: number) =>
  JSON.stringify([
    await sqlOne(db, `SELECT * FROM ${table(kind)} WHERE id = ?`, id),
    await sqlAll(db, 'SELECT * FROM assessment_dimensions WHERE assessment_id = ? ORDER BY dimension', kind === 'assessments' ? id : -1),
  ]);
const auditCount = async () => ((await sqlOne(db, 'SELECT count(*) AS n FROM audit_log')) as { n: number }).n;
const office = () => people.office.actor;

async function file(kind: Kind, item: Record<string, unknown>): Promise<number> {
  return (await submitRecords(db, office(), kind, [item], { now, source: 'api' })).ids[0]!;
}

function formData(values: Record<string, string | number>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) f.set(k, String(v));
  return f;
}

/** The cell's attempt through its channel: what happened, and which fields a refusal named. Null: not expressible. */
async function attempt(cell: Cell, id: number, item: Record<string, unknown>): Promise<{ answer: Answer; fields: string[] } | null> {
  const { kind, channel, op } = cell;
  const target =
    op.op === 'change' ? fx.withChange(kind, item, op.field) : op.op === 'withdraw' ? { ...item, status: 'withdrawn' } : { ...item };
  if (!target) return null;
  const field = op.op === 'change' ? op.field : op.op === 'withdraw' ? 'status' : undefined;
  const { actor, token } = people[cell.role];
  if (channel === 'api') {
    const res = await routes[kind].POST(
      new Request('http://localhost/api/v1/x', {
        method: 'POST',
        body: JSON.stringify(target),
        headers: { authorization: `Bearer ${token}` },
      }),
      { params: Promise.resolve({}) } as never,
    );
    const body = (await res.json()) as { updated?: number; error?: { details: { field: string }[] } };
    if (res.status === 403) return { answer: 'refused', fields: body.error!.details.map((d) => d.field) };
    expect(res.status, JSON.stringify(body)).toBe(200);
    return { answer: body.updated ? 'updated' : 'unchanged', fields: [] };
  }
  if (channel === 'import') {
    const csv = fx.csvOf(kind, target, field);
    if (!csv) return null;
    const report = await importSpreadsheet(db, actor, kind, csv, 'csv', { dryRun: false, now });
    if (!report.ok) return { answer: 'refused', fields: report.problems.map((p) => p.column) };
    return { answer: report.updated ? 'updated' : 'unchanged', fields: [] };
  }
  who.actor = actor;
  who.locale = 'en';
  if (op.op === 'withdraw') {
    const r = await withdrawRecordAction(null, formData({ id, kind, reason: 'matrix' }));
    return r.ok ? { answer: 'updated', fields: [] } : { answer: 'refused', fields: Object.keys(r.fieldErrors).concat(r.error) };
  }
  const values = fx.formOf(kind, target, id, field);
  if (!values) return null;
  const r = await saveRecordAction(null, formData(values));
  if (!r.ok) return { answer: 'refused', fields: Object.keys(r.fieldErrors).concat(r.error) };
  expect(r.data.id).toBe(id);
  return { answer: r.data.outcome === 'updated' || r.data.outcome === 'unchanged' ? r.data.outcome : 'refused', fields: [] };
}

beforeAll(async () => {
  await serverSmallOrg(new Date('2026-03-04T09:30:00+08:00'));
  for (const role of roles) {
    people[role] = await userWithToken(db, `seal.${role}`, role, unitOf[role], 'seal');
  }
  for (const externalId of [fx.PROJECT, fx.OTHER_PROJECT])
    await submitRecords(db, office(), 'projects', [{ externalId, unitCode: 'BJ01', title: externalId, domain: 'ai' }], {
      now,
      source: 'api',
    });
});
afterAll(() => {
  db.close();
  server.remove();
});

it('the review fields no channel can send (who decided) are written only by the workflow steps', async () => {
  const { kindDefs } = await import('@/features/records/kinds');
  for (const kind of recordKindCodes)
    for (const field of Object.keys(sealTable[kind].reviewFields).filter((f) => fx.withChange(kind, {}, f) === null)) {
      expect(kindDefs[kind].plain, `${kind}.${field}`).not.toContain(field);
      expect(kindDefs[kind].fields.map((f) => f.code)).not.toContain(field);
    }
});

it('the matrix covers every sealed kind, state, role and channel; projects and inspections are never sealed', () => {
  expect(neverSealed).toEqual(['projects', 'inspections']);
  const states = new Set(cells.map((c) => `${c.kind}:${c.state}`));
  for (const s of [
    'assessments:approved',
    'assessments:rejected',
    'hazards:verified',
    'incidents:closed',
    'incidents:concealed',
    'ethics-committees:accepted',
    'ethics-activities:accepted',
    'ethics-annual-reports:accepted',
  ])
    expect(states).toContain(s);
  expect(new Set(cells.map((c) => c.role))).toEqual(new Set(roles));
  // Marking a report time unknown removes late points (decision 033): sealed like the report time itself.
  for (const state of ['closed', 'concealed'])
    expect(
      cells.filter((c) => c.kind === 'incidents' && c.state === state && c.op.op === 'change' && c.op.field === 'reportTimeUnknown'),
    ).toHaveLength(18);
  expect(cells.filter((c) => c.expected === 'refused').length).toBeGreaterThan(500);
  expect(cells.filter((c) => c.expected === 'updated').length).toBeGreaterThan(300);
});

let tried = 0;
const skipped: string[] = [];
const label = (c: Cell) => `${c.op.op === 'change' ? `change ${c.op.field}` : c.op.op} by ${c.role} via ${c.channel} → ${c.expected}`;
describe.each(
  [...new Set(cells.map((c) => `${c.kind} ${c.state}`))].map((group) => ({
    group,
    cells: cells.filter((c) => `${c.kind} ${c.state}` === group),
  })),
)('$group', ({ cells: group }) => {
  it.each(group.map((c) => ({ c, name: label(c) })))('$name', async ({ c }) => {
    const item = fixtureOf(c.kind, c.state);
    const id = await file(c.kind, item);
    const before = { row: await snapshot(c.kind, id), audit: await auditCount() };
    const result = await attempt(c, id, item);
    if (result === null) return void skipped.push(label(c)); // this channel cannot say that field (the form has no status)
    tried++;
    expect(result.answer).toBe(c.expected);
    if (c.expected === 'refused') {
      expect({ row: await snapshot(c.kind, id), audit: await auditCount() }).toEqual(before);
      const named = c.role === 'leader' ? null : c.op.op === 'change' ? c.op.field : c.op.op === 'withdraw' ? 'status' : null;
      const formLocked = c.channel === 'form' && c.kind === 'assessments' && c.state === 'approved' && c.op.op !== 'withdraw';
      if (named && !formLocked)
        expect(result.fields.join(' ')).toContain(c.channel === 'form' && named === 'unitCode' ? 'unitCode' : named);
    } else if (c.expected === 'updated') {
      expect(await snapshot(c.kind, id)).not.toBe(before.row);
      expect(await auditCount()).toBeGreaterThan(before.audit);
    } else {
      expect({ row: await snapshot(c.kind, id), audit: await auditCount() }).toEqual(before);
    }
    if (c.kind === 'ethics-annual-reports') await sqlRun(db, 'DELETE FROM ethics_annual_reports WHERE id = ?', id);
  });
});

it('most cells were tried; the rest are fields a channel cannot express (the form has no status, no review fields)', () => {
  expect(tried).toBeGreaterThan(1300);
  expect(skipped.filter((s) => !/ via (form|import) /.test(s))).toEqual([]);
});
