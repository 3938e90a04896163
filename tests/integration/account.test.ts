import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Actor } from '@/domain/auth/actor';
import type { Locale } from '@/domain/i18n/locales';
import { serverDbFile } from '../setup/server-db-file';

// Changing one's password through the real server action (safeAction: sign-in, validation, messages in the
// reader's language) on a real migrated database; only the request (who is asking, its cookies and
// headers, its language) is stubbed. Also: an internal error never shows its SQL or stack.
const server = serverDbFile('fenghuo-account-', 'account.db');

const req = vi.hoisted(() => ({ actor: null as Actor | null, locale: 'en' as Locale, jar: new Map<string, string>() }));
vi.mock('@/server/auth/current-actor', () => ({ currentActor: async () => req.actor, requireActor: async () => req.actor }));
vi.mock('next-intl/server', () => ({ getLocale: async () => req.locale }));
vi.mock('next/headers', () => ({
  headers: async () => new Headers({ 'user-agent': 'vitest' }),
  cookies: async () => ({
    get: (name: string) => (req.jar.has(name) ? { name, value: req.jar.get(name) } : undefined),
    set: (name: string, value: string) => void req.jar.set(name, value),
    delete: (name: string) => void req.jar.delete(name),
  }),
}));

const { getDb } = await import('@/db/client');
const { rawRun } = await import('@/db/engine');
const { sql } = await import('drizzle-orm');
const { migrateDatabase } = await import('@/db/migrate');
const { ensureReferenceData } = await import('@/db/reference/reference');
const { seedSmallOrg, addUser, TEST_PASSWORD } = await import('../setup/small-org');
const { logIn } = await import('@/features/auth/login');
const { resolveActor } = await import('@/features/auth/resolve-actor');
const { createApiToken } = await import('@/features/auth/api-tokens');
const { SESSION_COOKIE } = await import('@/domain/auth/session-policy');
const { changePasswordAction } = await import('@/server/actions/account');
const incidentsRoute = await import('@/app/api/v1/incidents/route');

const db = getDb();
const NEW_PASSWORD = 'a-new-long-password';
const sessionOf = async (password: string) => {
  const r = await logIn(db, { login: 'acc.rep', password, ip: null });
  if (!r.ok) throw new Error(`login failed: ${r.reason}`);
  return r.sessionToken;
};
const form = (values: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) f.set(k, v);
  return f;
};

beforeAll(async () => {
  await migrateDatabase(db);
  await ensureReferenceData(db);
  await seedSmallOrg(db);
  await addUser(db, 'acc.rep', 'reporter', 'BJ01');
});
afterAll(() => {
  db.close();
  server.remove();
});

describe('changing one’s password', () => {
  it('names each wrong field in the reader’s language and changes nothing', async () => {
    const here = await sessionOf(TEST_PASSWORD);
    req.actor = await resolveActor(db, { sessionToken: here });
    req.locale = 'zh-CN';
    const wrong = await changePasswordAction(
      null,
      form({ currentPassword: 'not-it', newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }),
    );
    expect(wrong).toMatchObject({ ok: false, fieldErrors: { currentPassword: '当前密码不正确。' } });
    const differ = await changePasswordAction(
      null,
      form({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: 'something-else' }),
    );
    expect(differ).toMatchObject({ ok: false, fieldErrors: { confirmPassword: '两次输入的新密码不一致。' } });
    req.locale = 'en';
    const short = await changePasswordAction(
      null,
      form({ currentPassword: TEST_PASSWORD, newPassword: 'short', confirmPassword: 'short' }),
    );
    expect(short.ok).toBe(false);
    expect(short.ok === false && short.fieldErrors.newPassword).toBeTruthy();
    // Nothing typed as a password comes back to refill the form.
    expect(short.ok === false && JSON.stringify(short.values)).not.toContain('short');
    expect(await resolveActor(db, { sessionToken: here })).not.toBeNull();
    expect((await logIn(db, { login: 'acc.rep', password: TEST_PASSWORD, ip: null })).ok).toBe(true);
  });

  it('ends every session of the user, gives this browser a new one, and only the new password opens', async () => {
    const elsewhere = [await sessionOf(TEST_PASSWORD), await sessionOf(TEST_PASSWORD)];
    const here = await sessionOf(TEST_PASSWORD);
    const token = (await createApiToken(db, (await resolveActor(db, { sessionToken: here }))!.userId, 'integration')).token;
    req.actor = await resolveActor(db, { sessionToken: here });
    req.jar.set(SESSION_COOKIE, here);
    const done = await changePasswordAction(
      null,
      form({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }),
    );
    expect(done).toMatchObject({ ok: true });
    expect(done.ok && done.data.endedSessions).toBeGreaterThanOrEqual(2);
    for (const s of [...elsewhere, here]) expect(await resolveActor(db, { sessionToken: s })).toBeNull();
    const fresh = req.jar.get(SESSION_COOKIE)!;
    expect(fresh).not.toBe(here);
    expect(await resolveActor(db, { sessionToken: fresh })).toMatchObject({ login: 'acc.rep' });
    expect(await logIn(db, { login: 'acc.rep', password: TEST_PASSWORD, ip: '10.2.2.2' })).toEqual({ ok: false, reason: 'invalid' });
    expect((await logIn(db, { login: 'acc.rep', password: NEW_PASSWORD, ip: '10.2.2.3' })).ok).toBe(true);
    // An API token is a separate credential, revoked on its own (Administration page).
    expect(await resolveActor(db, { bearerToken: token })).not.toBeNull();
  });

  it('is refused to a token or a signed-out request', async () => {
    const userId = (await resolveActor(db, { sessionToken: await sessionOf(NEW_PASSWORD) }))!.userId;
    const token = await createApiToken(db, userId, 't');
    req.actor = await resolveActor(db, { bearerToken: token.token });
    const values = { currentPassword: NEW_PASSWORD, newPassword: 'yet-another-password', confirmPassword: 'yet-another-password' };
    expect(await changePasswordAction(null, form(values))).toMatchObject({ ok: false, error: 'Your role may not do this.' });
    req.actor = null;
    expect((await changePasswordAction(null, form(values))).ok).toBe(false);
    expect((await logIn(db, { login: 'acc.rep', password: NEW_PASSWORD, ip: null })).ok).toBe(true);
  });
});

describe('internal errors', () => {
  it('an API failure inside the database answers a generic 500: no SQL, no table name, no stack, no path', async () => {
    const token = (await createApiToken(db, await addUser(db, 'acc.office', 'office', 'HX'), 't')).token;
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await rawRun(db, sql.raw('ALTER TABLE incidents RENAME TO incidents_gone'));
    try {
      const res = await incidentsRoute.GET(
        new Request('http://localhost/api/v1/incidents', { headers: { authorization: `Bearer ${token}` } }),
        { params: Promise.resolve({}) } as never,
      );
      const body = await res.text();
      expect(res.status).toBe(500);
      expect(JSON.parse(body)).toEqual({ error: { code: 'internal', message: expect.any(String), details: [] } });
      expect(body).not.toMatch(/incidents|select|sqlite|postgres|no such table|relation|\bat\s|\.ts|node_modules|\/work\//i);
      // The server log keeps what happened (in SQLite's words or PostgreSQL's).
      expect(String(errors.mock.calls[0]?.[1])).toMatch(/no such table: incidents|relation "incidents" does not exist/);
    } finally {
      await rawRun(db, sql.raw('ALTER TABLE incidents_gone RENAME TO incidents'));
      errors.mockRestore();
    }
  });
});
