import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Role } from '@/domain/reference/roles';

// What every test of the v1 API sets up: a migrated database of the small organisation in a folder of its
// own, tokens acting as its users, and requests as a client sends them, passed to the route handlers as
// Next calls them. Only node: modules are imported statically, so FENGHUO_DB is set before the database
// module is loaded.

/** A route handler of app/api/v1, as the tests call it. */
export type Handler = (req: Request, ctx: never) => Promise<Response>;

/** The second argument Next passes a route without path parameters. */
export const noParams = { params: Promise.resolve({}) } as never;

/**
 * Points FENGHUO_DB (and the other variables in `env`) at a new file in a temporary folder. Call it at the
 * top of the test file, before anything imports the database; then `setUp` in beforeAll, `tearDown` in afterAll.
 */
export async function apiTestbed(name: string, env: Record<string, string> = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `fenghuo-${name}-`));
  // In the pg project the file's own database is already FENGHUO_DATABASE_URL (tests/setup/pg-env.ts).
  if (!process.env.FENGHUO_DATABASE_URL) process.env.FENGHUO_DB = path.join(dir, 'api.db');
  Object.assign(process.env, env);
  const { getDb } = await import('@/db/client');
  const { migrateDatabase } = await import('@/db/migrate');
  const { ensureReferenceData } = await import('@/db/reference/reference');
  const { seedSmallOrg, addUser } = await import('./small-org');
  const { createApiToken } = await import('@/features/auth/api-tokens');
  return {
    /** Migrates the database, adds the reference data and the small organisation. */
    async setUp(): Promise<void> {
      const db = getDb();
      await migrateDatabase(db);
      await ensureReferenceData(db);
      await seedSmallOrg(db);
    },
    /** A new user `login` of `role` at `unitCode`, and an API token acting as them. */
    async token(login: string, role: Role, unitCode: string, tokenName = 't'): Promise<string> {
      const db = getDb();
      return (await createApiToken(db, await addUser(db, login, role, unitCode), tokenName)).token;
    },
    /** An API token for an existing user. */
    async tokenOf(userId: number, tokenName = 't'): Promise<string> {
      return (await createApiToken(getDb(), userId, tokenName)).token;
    },
    /** Closes the database and removes its folder. */
    tearDown(): void {
      getDb().close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface RequestOptions {
  /** The bearer token; none when absent. */
  token?: string | null;
  method?: string;
  /** Sent as JSON; a string is sent as it is. */
  body?: unknown;
  headers?: Record<string, string>;
}

/** A request as a client sends it: `Authorization: Bearer <token>` and, for a body, JSON. */
export function apiRequest(url: string, { token, method, body, headers = {} }: RequestOptions = {}): Request {
  return new Request(url.startsWith('http') ? url : `http://localhost${url}`, {
    method: method ?? (body === undefined ? 'GET' : 'POST'),
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
  });
}

/** Calls a route and reads its JSON answer. */
export async function callJson(handler: Handler, req: Request): Promise<{ status: number; body: Awaited<ReturnType<Response['json']>> }> {
  const res = await handler(req, noParams);
  return { status: res.status, body: await res.json() };
}
