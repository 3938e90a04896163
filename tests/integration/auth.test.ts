import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDb, type TestDb } from '../setup/test-db';
import { addUser, seedSmallOrg, TEST_PASSWORD } from '../setup/small-org';
import { logIn, logOut } from '@/features/auth/login';
import { resolveActor } from '@/features/auth/resolve-actor';
import { createApiToken } from '@/features/auth/api-tokens';
import { hashApiToken } from '@/features/auth/tokens';
import {
  SESSION_ABSOLUTE_MS,
  SESSION_IDLE_MS,
  THROTTLE_FREE_PER_LOGIN,
  THROTTLE_LOGIN_CAP_MS,
  THROTTLE_MAX_PER_IP,
  THROTTLE_PAIR_CAP_MS,
  THROTTLE_WINDOW_MS,
} from '@/domain/auth/session-policy';
import { apiTokens, loginAttempts, sessions, users } from '@/db/schema';
import { first } from '@/db/engine';
import { replacePassword } from '@/db/auth/auth';
import { hashPassword } from '@/features/auth/password';
import { passwordGate } from '@/domain/auth/verify-gate';

let t: TestDb;
let reporterId: number;

beforeAll(async () => {
  t = await createTestDb();
  await seedSmallOrg(t.db);
  reporterId = await addUser(t.db, 'rep', 'reporter', 'BJ01');
});
afterAll(() => t.close());
beforeEach(async () => {
  await t.db.delete(loginAttempts);
});

const login = (password: string, at = new Date(), ip = '10.0.0.1') => logIn(t.db, { login: 'rep', password, ip }, at);

describe('passwords', () => {
  it('stores an argon2id hash, never the password', async () => {
    const row = first(await t.db.select().from(users).where(eq(users.id, reporterId)).limit(1))!;
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
  const N = THROTTLE_FREE_PER_LOGIN;
  const at = (base: Date, ms: number) => new Date(base.getTime() + ms);

  it(`after ${N} failures the guesser's address waits long, while the owner elsewhere gets in at once`, async () => {
    const start = new Date('2026-05-01T10:00:00Z');
    for (let i = 0; i < N; i++) expect(await login('bad', start, '10.6.6.6')).toEqual({ ok: false, reason: 'invalid' });
    // The guesser is refused even the right password, and told how long to wait.
    const refused = await login(TEST_PASSWORD, at(start, 5_000), '10.6.6.6');
    expect(refused).toMatchObject({ ok: false, reason: 'throttled' });
    expect(refused.ok === false && refused.reason === 'throttled' && refused.retryAfterMs).toBe(25_000);
    // The account is backing off too, but that never holds out a right password (decision 027).
    expect(await login('bad', at(start, 500), '10.1.1.1')).toMatchObject({ ok: false, reason: 'throttled', retryAfterMs: 500 });
    expect((await login(TEST_PASSWORD, at(start, 600), '10.1.1.1')).ok).toBe(true);
  });

  it('the guesser cannot lengthen its own wait by retrying while refused', async () => {
    const start = new Date('2026-05-04T10:00:00Z');
    for (let i = 0; i < N; i++) await login('bad', start, '10.6.6.6');
    for (let i = 1; i < 20; i++) await login('bad', at(start, i * 1000), '10.6.6.6');
    expect(await login(TEST_PASSWORD, at(start, 29_999), '10.6.6.6')).toMatchObject({ ok: false, reason: 'throttled', retryAfterMs: 1 });
    expect((await login(TEST_PASSWORD, at(start, 30_000), '10.6.6.6')).ok).toBe(true);
  });

  it('one address failing on many accounts is refused until the window passes', async () => {
    const start = new Date('2026-05-05T10:00:00Z');
    for (let i = 0; i < THROTTLE_MAX_PER_IP; i++)
      await logIn(t.db, { login: `someone${i}`, password: 'bad', ip: '10.8.8.8' }, at(start, i * 1000));
    const r = await login(TEST_PASSWORD, at(start, 60_000), '10.8.8.8');
    expect(r).toMatchObject({ ok: false, reason: 'throttled' });
    expect((await login(TEST_PASSWORD, at(start, 60_000), '10.1.1.1')).ok).toBe(true);
    expect((await login(TEST_PASSWORD, at(start, THROTTLE_WINDOW_MS + 60_000), '10.8.8.8')).ok).toBe(true);
  });

  it('without a trusted address only the account back-off applies, and it never holds out the right password', async () => {
    const start = new Date('2026-05-06T10:00:00Z');
    const anon = (password: string, when: Date) => logIn(t.db, { login: 'rep', password, ip: null }, when);
    for (let i = 0; i < 20; i++) await anon('bad', at(start, i * 1000));
    const last = at(start, 19 * 1000);
    expect(await anon('bad', at(last, 1000))).toMatchObject({ ok: false, reason: 'throttled' });
    expect((await anon(TEST_PASSWORD, at(last, 1000))).ok).toBe(true);
    expect(THROTTLE_PAIR_CAP_MS).toBeGreaterThan(THROTTLE_LOGIN_CAP_MS);
  });

  it('guesses sent all at once cannot slip under the limit together', async () => {
    const when = new Date('2026-05-03T10:00:00Z');
    const results = await Promise.all(Array.from({ length: 12 }, () => login('bad', when)));
    expect(results.filter((r) => !r.ok && r.reason === 'invalid')).toHaveLength(N);
    expect(results.filter((r) => !r.ok && r.reason === 'throttled')).toHaveLength(12 - N);
  });

  it('one failure short of the limit still lets the right password in', async () => {
    const when = new Date('2026-05-02T10:00:00Z');
    for (let i = 0; i < N - 1; i++) await login('bad', when);
    expect((await login(TEST_PASSWORD, when)).ok).toBe(true);
  });
});

describe('sessions', () => {
  it('resolves to the user, role and unit scope; the stored id is not the cookie value', async () => {
    const s = await login(TEST_PASSWORD);
    if (!s.ok) throw new Error('login failed');
    const actor = (await resolveActor(t.db, { sessionToken: s.sessionToken }))!;
    expect(actor).toMatchObject({ login: 'rep', role: 'reporter', unitCode: 'BJ01', via: 'session' });
    expect(actor.scope).toEqual({ all: false, unitIds: [4, 7] });
    const stored = (await t.db.select({ id: sessions.id }).from(sessions)).map((r) => r.id);
    expect(stored).not.toContain(s.sessionToken);
  });

  it('ends after the idle limit and at the absolute limit however active', async () => {
    const start = new Date(Date.now() + 60_000);
    const s = await login(TEST_PASSWORD, start);
    if (!s.ok) throw new Error('login failed');
    expect(await resolveActor(t.db, { sessionToken: s.sessionToken }, new Date(start.getTime() + SESSION_IDLE_MS - 1000))).not.toBeNull();
    // Kept alive by use every 11 hours, it still ends 7 days after login.
    let at = start.getTime();
    while (at + 11 * 3_600_000 < start.getTime() + SESSION_ABSOLUTE_MS) {
      at += 11 * 3_600_000;
      expect(await resolveActor(t.db, { sessionToken: s.sessionToken }, new Date(at))).not.toBeNull();
    }
    expect(await resolveActor(t.db, { sessionToken: s.sessionToken }, new Date(start.getTime() + SESSION_ABSOLUTE_MS + 1000))).toBeNull();

    const idle = await login(TEST_PASSWORD, start);
    if (!idle.ok) throw new Error('login failed');
    expect(await resolveActor(t.db, { sessionToken: idle.sessionToken }, new Date(start.getTime() + SESSION_IDLE_MS + 1000))).toBeNull();
  });

  it('logging out ends the session', async () => {
    const s = await login(TEST_PASSWORD);
    if (!s.ok) throw new Error('login failed');
    await logOut(t.db, s.sessionToken);
    expect(await resolveActor(t.db, { sessionToken: s.sessionToken })).toBeNull();
  });

  it('a password change ends sessions opened before it; a deactivated user is refused', async () => {
    const s = await login(TEST_PASSWORD);
    if (!s.ok) throw new Error('login failed');
    await t.db
      .update(users)
      .set({ passwordChangedAt: new Date(Date.now() + 1000) })
      .where(eq(users.id, reporterId));
    expect(await resolveActor(t.db, { sessionToken: s.sessionToken })).toBeNull();
    await t.db
      .update(users)
      .set({ passwordChangedAt: new Date(0) })
      .where(eq(users.id, reporterId));

    const s2 = await login(TEST_PASSWORD);
    if (!s2.ok) throw new Error('login failed');
    await t.db.update(users).set({ active: false }).where(eq(users.id, reporterId));
    expect(await resolveActor(t.db, { sessionToken: s2.sessionToken })).toBeNull();
    await t.db.update(users).set({ active: true }).where(eq(users.id, reporterId));
  });

  it('a forged or empty cookie opens nothing', async () => {
    expect(await resolveActor(t.db, { sessionToken: 'forged' })).toBeNull();
    expect(await resolveActor(t.db, { sessionToken: '' })).toBeNull();
    expect(await resolveActor(t.db, {})).toBeNull();
  });
});

describe('a password changed while a login checks the old one', () => {
  it('opens no session with the old password (review of issue 15: the change commits during the check)', async () => {
    const user = await addUser(t.db, 'racer', 'reporter', 'BJ01');
    const newHash = await hashPassword('a-new-password-2026');
    // The change started before the login (its passwordChangedAt is earlier than the login's session would
    // be) and commits after the login read the user's row, while the old password is being verified.
    const changeStarted = new Date(Date.now() - 1000);
    const run = passwordGate.run.bind(passwordGate);
    const gate = vi.spyOn(passwordGate, 'run').mockImplementationOnce(async (check) => {
      await replacePassword(t.db, user, newHash, changeStarted);
      return run(check);
    });
    try {
      const answer = await logIn(t.db, { login: 'racer', password: TEST_PASSWORD, ip: '10.0.0.9' }, new Date());
      expect(answer).toMatchObject({ ok: false, reason: 'invalid' });
      expect(await t.db.select().from(sessions).where(eq(sessions.userId, user))).toHaveLength(0);
    } finally {
      gate.mockRestore();
    }
    // The new password opens as usual.
    expect(await logIn(t.db, { login: 'racer', password: 'a-new-password-2026', ip: '10.0.0.9' })).toMatchObject({ ok: true });
  });
});

describe('API tokens', () => {
  it('act as their user; only the hash is stored; revoked or expired tokens open nothing', async () => {
    const { id, token } = await createApiToken(t.db, reporterId, 'test');
    const row = first(await t.db.select().from(apiTokens).where(eq(apiTokens.id, id)).limit(1))!;
    expect(row.tokenHash).toBe(hashApiToken(token));
    expect(JSON.stringify(row)).not.toContain(token);

    const actor = (await resolveActor(t.db, { bearerToken: token }))!;
    expect(actor).toMatchObject({ login: 'rep', via: 'token', scope: { all: false, unitIds: [4, 7] } });
    const lastUsed = async () => first(await t.db.select().from(apiTokens).where(eq(apiTokens.id, id)).limit(1))!.lastUsedAt!.getTime();
    const firstUse = await lastUsed();
    await resolveActor(t.db, { bearerToken: token }, new Date(firstUse + 60_000));
    expect(await lastUsed()).toBe(firstUse);
    await resolveActor(t.db, { bearerToken: token }, new Date(firstUse + 6 * 60_000));
    expect(await lastUsed()).toBe(firstUse + 6 * 60_000);

    await t.db
      .update(apiTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(apiTokens.id, id));
    expect(await resolveActor(t.db, { bearerToken: token })).toBeNull();
    await t.db.update(apiTokens).set({ expiresAt: null, revokedAt: new Date() }).where(eq(apiTokens.id, id));
    expect(await resolveActor(t.db, { bearerToken: token })).toBeNull();
  });
});
