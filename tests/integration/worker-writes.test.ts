import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/domain/auth/actor';
import type { Db } from '@/db/client';
import { sqlAll, sqlOne, sqlRun } from './record-sql';

// Decision 032: a large batch is stored by the import pool's worker, on a connection of its own, through the
// same submitRecords. On two real migrated SQLite files seeded alike, the same batches written inline and
// by the worker leave identical rows, audit entries and alerts, answer identical refusals, and a failure
// inside the worker's transaction leaves nothing. What this process keeps (the page cache's and the
// dashboards' versions, the provisional ratings' view of what changed) follows a write from the worker.
const WAIT_MS = 1000;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fenghuo-worker-writes-'));
process.env.FENGHUO_DB = path.join(dir, 'worker.db');
process.env.FENGHUO_DB_BUSY_TIMEOUT_MS = String(WAIT_MS);
process.env.FENGHUO_API_RATE = '0';

const { getDb, openDatabase } = await import('@/db/client');
const { migrateDatabase } = await import('@/db/migrate');
const { ensureReferenceData } = await import('@/db/reference/reference');
const { verifyAuditChain } = await import('@/db/audit/audit-log');
const { latestChanges } = await import('@/db/changes/latest-changes');
const { auditedSince } = await import('@/db/rating/rating-changes');
const { seedSmallOrg, addUser } = await import('../setup/small-org');
const { resolveActor } = await import('@/features/auth/resolve-actor');
const { createApiToken } = await import('@/features/auth/api-tokens');
const { submitRecords, SubmissionRefused } = await import('@/features/records/submit');
const { submitBatch, INLINE_BATCH_MAX } = await import('@/features/records/submit-off-thread');
const { importPool } = await import('@/features/import/import-pool');
const { pageVersion } = await import('@/server/page-cache/version');
const { dataVersion, memo } = await import('@/features/dashboards/memo');
const { lagDuring } = await import('../setup/loop-lag');
const { handleImportUpload } = await import('@/features/import/import-upload');
const { previewOf, upload, uploadRequest } = await import('../setup/upload-request');
const { incidentCsv } = await import('../setup/hostile-uploads');
const { openSession } = await import('@/features/auth/login');
const incidentsRoute = await import('@/app/api/v1/incidents/route');

// `worker`: the server's database (getDb), written by the pool; `inline`: its twin, written on this thread.
const worker = getDb();
const inline = openDatabase(path.join(dir, 'inline.db'));
const actors = new Map<Db, Actor>();
let token = '';
const NOW = new Date('2026-03-10T10:00:00+08:00');

beforeAll(async () => {
  for (const db of [worker, inline]) {
    await migrateDatabase(db);
    await ensureReferenceData(db);
    await seedSmallOrg(db);
    const id = await addUser(db, 'bw.rep', 'reporter', 'BJ');
    actors.set(db, (await resolveActor(db, { cliLogin: 'bw.rep' }))!);
    if (db === worker) token = (await createApiToken(db, id, 'big writes')).token;
  }
}, 120_000);
afterAll(async () => {
  await importPool().close();
  inline.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Incidents enough to go to the worker; every tenth is tier II (incident.serious fires), one raised later. */
function incidents(n: number, prefix: string, change: (i: number) => Record<string, unknown> = () => ({})) {
  return Array.from({ length: n }, (_, i) => ({
    externalId: `${prefix}-${i}`,
    unitCode: i % 2 ? 'BJ01' : 'BJ02',
    domain: 'drones',
    dimension: 'loss',
    tier: i % 10 === 0 ? 2 : 4,
    occurredAt: `2026-03-0${1 + (i % 8)}T09:30:00+08:00`,
    reportedAt: '2026-03-09T09:30:00+08:00',
    summary: `事件 ${i}`,
    ...change(i),
  }));
}

const both = async (items: unknown[]) => {
  const run = async (db: Db) => {
    try {
      return db === inline
        ? await submitRecords(db, actors.get(db)!, 'incidents', items, { now: NOW, source: 'api' })
        : await submitBatch(db, actors.get(db)!, 'incidents', items as unknown[], { now: NOW, source: 'api' });
    } catch (error) {
      if (!(error instanceof SubmissionRefused)) throw error;
      return { reason: error.reason, problems: error.problems.map((p) => ({ ...p, say: [p.say('zh-CN'), p.say('en')] })) };
    }
  };
  return { inline: await run(inline), worker: await run(worker) };
};

const rows = async (db: Db, sql: string) => await sqlAll(db, sql);
// created_at and updated_at are the clock of the write itself (the schema's defaults), on either path.
const withoutClock = (list: unknown[]) => list.map((r) => ({ ...(r as object), created_at: 0, updated_at: 0 }));
const snapshot = async (db: Db) => ({
  // The seed's own references come from a counter that goes on between the two files: only these batches'.
  incidents: withoutClock(await rows(db, "SELECT * FROM incidents WHERE external_id LIKE 'W-%' OR external_id LIKE 'R-%' ORDER BY id")),
  // The chain's hashes cover each entry's content and the one before; the seed's users differ by their
  // password salts, so hashes are compared by checking each chain rather than across the two files.
  audit: await rows(
    db,
    "SELECT id, at, actor_user_id, action, entity_kind, entity_id, unit_id, before, after FROM audit_log WHERE entity_kind = 'incidents' ORDER BY id",
  ),
  alerts: await rows(db, 'SELECT * FROM alerts ORDER BY id'),
  changed: await rows(db, "SELECT value FROM settings WHERE key = 'records_changed_at'"),
});

describe('a batch written by the worker and the same batch written inline', () => {
  it('store identical rows, audit entries and alerts, and answer the same result', async () => {
    const size = INLINE_BATCH_MAX + 50;
    const first = await both(incidents(size, 'W'));
    expect(first.worker).toEqual(first.inline);
    expect(first.worker).toMatchObject({ created: size });
    // The same again, with some changed and one tier raised: updates, unchanged, and an incident.serious.
    const second = await both(incidents(size, 'W', (i) => (i === 5 ? { tier: 2 } : i % 7 === 0 ? { summary: `改 ${i}` } : {})));
    expect(second.worker).toEqual(second.inline);
    expect(second.worker).toMatchObject({ updated: expect.any(Number), unchanged: expect.any(Number) });
    const [a, b] = [await snapshot(inline), await snapshot(worker)];
    expect(b.incidents).toEqual(a.incidents);
    expect(b.audit).toEqual(a.audit);
    expect(b.alerts).toEqual(a.alerts);
    expect(b.alerts.length).toBeGreaterThan(size / 10);
    expect(b.changed).toEqual(a.changed);
    expect((await verifyAuditChain(worker)).ok).toBe(true);
    expect((await verifyAuditChain(inline)).ok).toBe(true);
  }, 120_000);

  it('answer the same refusals: invalid items, items outside the scope, sealed fields', async () => {
    const size = INLINE_BATCH_MAX + 10;
    const invalid = await both(incidents(size, 'R', (i) => (i === 3 ? { tier: 9 } : i === 7 ? { unitCode: 'NOPE' } : {})));
    expect(invalid.worker).toEqual(invalid.inline);
    expect(invalid.worker).toMatchObject({
      reason: 'invalid',
      problems: [
        { index: 3, field: 'tier' },
        { index: 7, field: 'unitCode' },
      ],
    });
    const outside = await both(incidents(size, 'R', (i) => (i === 4 ? { unitCode: 'SH01' } : {})));
    expect(outside.worker).toEqual(outside.inline);
    expect(outside.worker).toMatchObject({ reason: 'forbidden' });
    // A closed incident's tier is the reviewer's (domain/records/seal-rules.ts).
    for (const db of [inline, worker]) await sqlRun(db, "UPDATE incidents SET status = 'closed' WHERE external_id = 'W-1'");
    const sealed = await both(incidents(size, 'W', (i) => (i === 1 ? { tier: 3 } : {})));
    expect(sealed.worker).toEqual(sealed.inline);
    expect(sealed.worker).toMatchObject({ reason: 'forbidden', problems: [{ index: 1, field: 'tier' }] });
    expect((await snapshot(worker)).incidents).toEqual((await snapshot(inline)).incidents);
  }, 120_000);
});

const count = async (prefix: string) =>
  ((await sqlOne(worker, 'SELECT count(*) AS n FROM incidents WHERE external_id LIKE ?', `${prefix}-%`)) as { n: number }).n;
const auditCount = async () => ((await sqlOne(worker, 'SELECT count(*) AS n FROM audit_log')) as { n: number }).n;

const post = (items: unknown[], lang = 'en') =>
  incidentsRoute.POST(
    new Request('http://localhost/api/v1/incidents', {
      method: 'POST',
      body: JSON.stringify(items),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'accept-language': lang },
    }),
    { params: Promise.resolve({}) } as never,
  );

describe('through the API', () => {
  it('a refused large batch answers the inline path’s status, code and translated details', async () => {
    const items = incidents(INLINE_BATCH_MAX + 1, 'API-R', (i) => (i === 2 ? { tier: 9 } : {}));
    for (const lang of ['zh-CN', 'en']) {
      const res = await post(items, lang);
      expect(res.status).toBe(422);
      const body = (await res.json()) as {
        error: { code: string; message: string; details: { index: number; field: string; message: string }[] };
      };
      expect(body.error.code).toBe('validation_failed');
      expect(body.error.message).toMatch(lang === 'en' ? /1 problem/ : /发现 1 个问题/);
      expect(body.error.details).toMatchObject([{ index: 2, field: 'tier' }]);
      // The same wording the inline path gives for the same item.
      const small = await post(items.slice(0, 3), lang);
      expect(((await small.json()) as typeof body).error.details[0]!.message).toBe(body.error.details[0]!.message);
    }
    expect(await count('API-R')).toBe(0);
  }, 120_000);

  it('a failure inside the worker’s transaction leaves nothing and answers a plain 500', async () => {
    // A statement that fails after the records were inserted: the audit entry of one of them is refused.
    await sqlRun(
      worker,
      "CREATE TRIGGER boom BEFORE INSERT ON audit_log WHEN NEW.after LIKE '%BOOM-99%' BEGIN SELECT RAISE(ABORT, 'boom'); END",
    );
    const [audits, alerts] = [await auditCount(), (await rows(worker, 'SELECT id FROM alerts')).length];
    try {
      const res = await post(incidents(INLINE_BATCH_MAX + 50, 'BOOM'), 'zh-CN');
      expect(res.status).toBe(500);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('internal');
      expect(body.error.message).not.toMatch(/boom|at |\.ts/);
    } finally {
      await sqlRun(worker, 'DROP TRIGGER boom');
    }
    expect(await count('BOOM')).toBe(0);
    expect(await auditCount()).toBe(audits);
    expect((await rows(worker, 'SELECT id FROM alerts')).length).toBe(alerts);
    expect((await verifyAuditChain(worker)).ok).toBe(true);
    // The lock was given back: this thread writes at once.
    expect((await post(incidents(1, 'AFTER-BOOM'))).status).toBe(200);
  }, 120_000);

  it('a worker that cannot get the write lock in time answers 503 busy with Retry-After, storing nothing', async () => {
    // Another process's lock: a plain connection of its own, outside the engine.
    const holder = new Database(worker.file);
    holder.exec('BEGIN IMMEDIATE');
    let res: Response;
    try {
      res = await post(incidents(INLINE_BATCH_MAX + 1, 'HELD'), 'zh-CN');
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(((await res.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: 'busy',
      message: expect.stringMatching(/数据库/),
    });
    expect(await count('HELD')).toBe(0);
  }, 120_000);

  it('a small write while the worker writes waits without holding the event loop, then answers busy past the configured wait', async () => {
    // Each row of the big batch costs some extra work in SQLite, so that the worker's write outlasts the wait
    // even on an idle machine, where 5,000 plain rows can be written within it (CI saw the small write get
    // through: 200).
    await sqlRun(
      worker,
      `CREATE TRIGGER slow_long AFTER INSERT ON incidents WHEN NEW.external_id LIKE 'LONG-%' BEGIN
      SELECT count(*) FROM (WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 3000) SELECT x FROM c);
    END`,
    );
    try {
      const big = post(incidents(5_000, 'LONG'));
      while (importPool().writing === 0) await new Promise((r) => setTimeout(r, 5));
      const { result: small, lag } = await lagDuring(() => post(incidents(1, 'SMALL')));
      expect(small.status).toBe(503);
      expect(small.headers.get('retry-after')).toBe('1');
      // The wait was spent awaiting, not inside SQLite's busy handler on this thread.
      expect(lag.max).toBeLessThan(WAIT_MS / 2);
      expect((await big).status).toBe(200);
    } finally {
      await sqlRun(worker, 'DROP TRIGGER slow_long');
    }
    expect(await count('LONG')).toBe(5_000);
    expect(await count('SMALL')).toBe(0);
    expect((await post(incidents(1, 'SMALL'))).status).toBe(200);
  }, 120_000);
});

describe('what this process keeps, after a write from the worker', () => {
  it('the page cache’s and dashboards’ versions and the provisional ratings’ changes move', async () => {
    const before = { marks: await latestChanges(worker), page: await pageVersion(worker, NOW), data: await dataVersion(worker, NOW) };
    let computed = 0;
    const value = async () => memo('bigwrites-test', await dataVersion(worker, NOW), async () => ++computed);
    expect(await value()).toBe(1);
    expect(await value()).toBe(1);
    await submitBatch(worker, actors.get(worker)!, 'incidents', incidents(INLINE_BATCH_MAX + 1, 'MOVE'), {
      now: new Date(),
      source: 'api',
    });
    const after = await latestChanges(worker);
    expect(after.audit).toBeGreaterThan(before.marks.audit);
    expect(after.changed).not.toBe(before.marks.changed);
    expect(await pageVersion(worker, NOW)).not.toBe(before.page);
    expect(await dataVersion(worker, NOW)).not.toBe(before.data);
    expect(await value()).toBe(2);
    // The provisional refresh (decision 022) rates again the institutes whose records the worker wrote.
    expect(await auditedSince(worker, before.marks.audit, after.audit)).toEqual(
      expect.arrayContaining([
        { kind: 'incidents', instituteId: 4 },
        { kind: 'incidents', instituteId: 5 },
      ]),
    );
  }, 120_000);
});

describe('a confirmation whose reader leaves', () => {
  it('is still stored, and what it had left to say is dropped without an uncaught error', async () => {
    const uncaught: unknown[] = [];
    const onError = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', onError);
    try {
      const previewed = await upload(await previewOf(incidentCsv(2_000, 'BJ01', 'GONE'), 'gone.csv'), {
        db: worker,
        actor: actors.get(worker)!,
      });
      expect(previewed.report).toMatchObject({ ok: true });
      const confirm = await uploadRequest({ step: 'confirm', stagedId: previewed.stagedId! });
      const res = await handleImportUpload(confirm(), { db: worker, actor: actors.get(worker)!, locale: 'en' });
      const reader = res.body!.getReader();
      await reader.read();
      await reader.cancel();
      for (let waited = 0; (await count('GONE')) < 2_000 && waited < 60_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
      await new Promise((r) => setTimeout(r, 200));
    } finally {
      process.off('uncaughtException', onError);
    }
    expect(await count('GONE')).toBe(2_000);
    expect(uncaught).toEqual([]);
  }, 120_000);
});

describe('marks a request writes in passing', () => {
  it('a session’s and a token’s last use are not waited for while another connection holds the write lock', async () => {
    const userId = actors.get(worker)!.userId;
    const sessionToken = await openSession(worker, userId, new Date(), {});
    // Ten minutes on: past the interval at which a session's last use is marked again.
    const later = new Date(Date.now() + 10 * 60_000);
    const { token: fresh } = await createApiToken(worker, userId, 'never used');
    // Another process's lock: a plain connection of its own, outside the engine.
    const holder = new Database(worker.file);
    holder.exec('BEGIN IMMEDIATE');
    const started = performance.now();
    let bySession, byToken;
    try {
      bySession = await resolveActor(worker, { sessionToken }, later);
      byToken = await resolveActor(worker, { bearerToken: fresh });
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    // SQLite would have held this thread for the busy timeout (1 s here) at each mark.
    expect(performance.now() - started).toBeLessThan(WAIT_MS / 2);
    expect(bySession?.userId).toBe(userId);
    expect(byToken?.userId).toBe(userId);
    // Written at the next request instead.
    await resolveActor(worker, { sessionToken }, later);
    const seen = (await sqlOne(worker, 'SELECT max(last_seen_at) AS t FROM sessions WHERE user_id = ?', userId)) as { t: number };
    expect(seen.t).toBe(later.getTime());
  }, 60_000);
});
