import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDb, type TestDb } from '../setup/test-db';
import { addUser, seedSmallOrg, TEST_PASSWORD } from '../setup/small-org';
import { logIn, logOut } from '@/lib/auth/login';
import { resolveActor } from '@/lib/auth/resolve-actor';
import { createApiToken } from '@/lib/auth/api-tokens';
import { hashApiToken } from '@/lib/auth/tokens';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, THROTTLE_MAX_PER_LOGIN, THROTTLE_WINDOW_MS } from '@/lib/auth/session-policy';
import { apiTokens, loginAttempts, sessions, users } from '@/db/schema';

let t: TestDb;
let reporterId: number;

beforeAll(async () => {
  t = createTestDb();
  await seedSmallOrg(t.db);
  reporterId = await addUser(t.db, 'rep', 'reporter', 'BJ01');
});
afterAll(() => t.close());
beforeEach(() => {
  t.db.delete(loginAttempts).run();
});

const login = (password: string, at = new Date(), ip = '10.0.0.1') => logIn(t.db, { login: 'rep', password, ip }, at);

describe('passwords', () => {
  it('stores an argon2id hash, never the password', () => {
    const row = t.db.select().from(users).where(eq(users.id, reporterId)).get()!;
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.passwordHash).not.toContain(TEST_PASSWORD);
  });

  it('opens a session for the right password and refuses a wrong one', async () => {
    expect((await login(TEST_PASSWORD)).ok).toBe(true);
    expect(await login('wrong-password')).toEqual({ ok: false, reason: 'invalid' });
    expect(await logIn(t.db, { login: 'nobody', password: 'x', ip: '10.0.0.1' })).toEqual({ ok: false, reason: 'invalid' });
  });
});

describe('throttling', () => {
  it(`refuses even the right password after ${THROTTLE_MAX_PER_LOGIN} failures, until the window passes`, async () => {
    const start = new Date('2026-05-01T10:00:00Z');
    for (let i = 0; i < THROTTLE_MAX_PER_LOGIN; i++) expect((await login('bad', start)).ok).toBe(false);
    expect(await login(TEST_PASSWORD, start)).toEqual({ ok: false, reason: 'throttled' });
    // From another address the account is still protected.
    expect(await login(TEST_PASSWORD, start, '10.9.9.9')).toEqual({ ok: false, reason: 'throttled' });
    const later = new Date(start.getTime() + THROTTLE_WINDOW_MS + 60_000);
    expect((await login(TEST_PASSWORD, later)).ok).toBe(true);
  });

  it('guesses sent all at once cannot slip under the limit together', async () => {
    const at = new Date('2026-05-03T10:00:00Z');
    const results = await Promise.all(Array.from({ length: 12 }, () => login('bad', at)));
    expect(results.filter((r) => !r.ok && r.reason === 'invalid')).toHaveLength(THROTTLE_MAX_PER_LOGIN);
    expect(results.filter((r) => !r.ok && r.reason === 'throttled')).toHaveLength(12 - THROTTLE_MAX_PER_LOGIN);
  });

  it('one failure short of the limit still lets the right password in', async () => {
    const at = new Date('2026-05-02T10:00:00Z');
    for (let i = 0; i < THROTTLE_MAX_PER_LOGIN - 1; i++) await login('bad', at);
    expect((await login(TEST_PASSWORD, at)).ok).toBe(true);
  });
});

describe('sessions', () => {
  it('resolves to the user, role and unit scope; the stored id is not the cookie value', async () => {
    const s = await login(TEST_PASSWORD);
    if (!s.ok) throw new Error('login failed');
    const actor = resolveActor(t.db, { sessionToken: s.sessionToken })!;
    expect(actor).toMatchObject({ login: 'rep', role: 'reporter', unitCode: 'BJ01', via: 'session' });
    expect(actor.scope).toEqual({ all: false, unitIds: [4, 7] });
    const stored = t.db
      .select({ id: sessions.id })
      .from(sessions)
      .all()
      .map((r) => r.id);
    expect(stored).not.toContain(s.sessionToken);
  });

  it('ends after the idle limit and at the absolute limit however active', async () => {
    const start = new Date(Date.now() + 60_000);
    const s = await login(TEST_PASSWORD, start);
    if (!s.ok) throw new Error('login failed');
    expect(resolveActor(t.db, { sessionToken: s.sessionToken }, new Date(start.getTime() + SESSION_IDLE_MS - 1000))).not.toBeNull();
    // Kept alive by use every 11 hours, it still ends 7 days after login.
    let at = start.getTime();
    while (at + 11 * 3_600_000 < start.getTime() + SESSION_ABSOLUTE_MS) {
      at += 11 * 3_600_000;
      expect(resolveActor(t.db, { sessionToken: s.sessionToken }, new Date(at))).not.toBeNull();
    }
    expect(resolveActor(t.db, { sessionToken: s.sessionToken }, new Date(start.getTime() + SESSION_ABSOLUTE_MS + 1000))).toBeNull();

    const idle = await login(TEST_PASSWORD, start);
    if (!idle.ok) throw new Error('login failed');
    expect(resolveActor(t.db, { sessionToken: idle.sessionToken }, new Date(start.getTime() + SESSION_IDLE_MS + 1000))).toBeNull();
  });

  it('logging out ends the session', async () => {
    const s = await login(TEST_PASSWORD);
    if (!s.ok) throw new Error('login failed');
    logOut(t.db, s.sessionToken);
    expect(resolveActor(t.db, { sessionToken: s.sessionToken })).toBeNull();
  });

  it('a password change ends sessions opened before it; a deactivated user is refused', async () => {
    const s = await login(TEST_PASSWORD);
    if (!s.ok) throw new Error('login failed');
    t.db
      .update(users)
      .set({ passwordChangedAt: new Date(Date.now() + 1000) })
      .where(eq(users.id, reporterId))
      .run();
    expect(resolveActor(t.db, { sessionToken: s.sessionToken })).toBeNull();
    t.db
      .update(users)
      .set({ passwordChangedAt: new Date(0) })
      .where(eq(users.id, reporterId))
      .run();

    const s2 = await login(TEST_PASSWORD);
    if (!s2.ok) throw new Error('login failed');
    t.db.update(users).set({ active: false }).where(eq(users.id, reporterId)).run();
    expect(resolveActor(t.db, { sessionToken: s2.sessionToken })).toBeNull();
    t.db.update(users).set({ active: true }).where(eq(users.id, reporterId)).run();
  });

  it('a forged or empty cookie opens nothing', () => {
    expect(resolveActor(t.db, { sessionToken: 'forged' })).toBeNull();
    expect(resolveActor(t.db, { sessionToken: '' })).toBeNull();
    expect(resolveActor(t.db, {})).toBeNull();
  });
});

describe('API tokens', () => {
  it('act as their user; only the hash is stored; revoked or expired tokens open nothing', () => {
    const { id, token } = createApiToken(t.db, reporterId, 'test');
    const row = t.db.select().from(apiTokens).where(eq(apiTokens.id, id)).get()!;
    expect(row.tokenHash).toBe(hashApiToken(token));
    expect(JSON.stringify(row)).not.toContain(token);

    const actor = resolveActor(t.db, { bearerToken: token })!;
    expect(actor).toMatchObject({ login: 'rep', via: 'token', scope: { all: false, unitIds: [4, 7] } });
    const lastUsed = () => t.db.select().from(apiTokens).where(eq(apiTokens.id, id)).get()!.lastUsedAt!.getTime();
    const first = lastUsed();
    resolveActor(t.db, { bearerToken: token }, new Date(first + 60_000));
    expect(lastUsed()).toBe(first);
    resolveActor(t.db, { bearerToken: token }, new Date(first + 6 * 60_000));
    expect(lastUsed()).toBe(first + 6 * 60_000);

    t.db
      .update(apiTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(apiTokens.id, id))
      .run();
    expect(resolveActor(t.db, { bearerToken: token })).toBeNull();
    t.db.update(apiTokens).set({ expiresAt: null, revokedAt: new Date() }).where(eq(apiTokens.id, id)).run();
    expect(resolveActor(t.db, { bearerToken: token })).toBeNull();
  });
});
