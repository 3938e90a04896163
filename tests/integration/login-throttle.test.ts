import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../setup/test-db';
import { addUser, seedSmallOrg, TEST_PASSWORD } from '../setup/small-org';
import { logIn, type LoginResult } from '@/features/auth/login';
import { THROTTLE_LOGIN_CAP_MS, VERIFY_CONCURRENCY, VERIFY_QUEUE } from '@/domain/auth/session-policy';
import { loginAttempts } from '@/db/schema';

// Issue 13, item 11: a guesser sending a wrong password every half second kept the owner's right password
// throttled for 4 minutes. The clock is fake (passed to logIn); the database and Argon2 are real.
let t: TestDb;

beforeAll(async () => {
  t = await createTestDb();
  await seedSmallOrg(t.db);
  await addUser(t.db, 'owner', 'reporter', 'BJ01');
});
afterAll(() => t.close());
beforeEach(async () => {
  await t.db.delete(loginAttempts);
});

const attempt = (password: string, at: number, ip: string | null): Promise<LoginResult> =>
  logIn(t.db, { login: 'owner', password, ip }, new Date(at));

/**
 * A guesser hammers every 500 ms from `guesserIp`; after 10 s the owner starts trying every 6.5 s from
 * `ownerIp`. Answers how long after their first try the owner got in (or null within 4 minutes).
 */
async function ownerWaitUnderAttack(guesserIp: string | null, ownerIp: string | null): Promise<number | null> {
  const start = Date.UTC(2026, 5, 1, 2, 0, 0);
  const ownerFrom = start + 10_000;
  let nextOwner = ownerFrom;
  for (let now = start; now < start + 4 * 60_000; now += 500) {
    await attempt('not-the-password', now, guesserIp);
    if (now >= nextOwner) {
      if ((await attempt(TEST_PASSWORD, now + 1, ownerIp)).ok) return now - ownerFrom;
      nextOwner += 6_500;
    }
  }
  return null;
}

describe('a guesser cannot keep the owner out', () => {
  it('without a trusted proxy (one address for everyone) the owner gets in within the promised minute', async () => {
    const wait = await ownerWaitUnderAttack(null, null);
    expect(wait).not.toBeNull();
    expect(wait!).toBeLessThanOrEqual(THROTTLE_LOGIN_CAP_MS);
  });

  it('behind a trusted proxy the owner from another address gets in at once, and the guesser stays throttled', async () => {
    const wait = await ownerWaitUnderAttack('10.6.6.6', '10.1.1.1');
    expect(wait).toBe(0);
    // The owner's success elsewhere forgets the owner's own failures, not the guesser's.
    const guesser = await attempt(TEST_PASSWORD, Date.UTC(2026, 5, 1, 2, 0, 11), '10.6.6.6');
    expect(guesser).toMatchObject({ ok: false, reason: 'throttled' });
  });

  it('while the account is backing off, a wrong password gets the same answer as an attempt refused unchecked', async () => {
    const start = Date.UTC(2026, 5, 2, 2, 0, 0);
    for (let i = 0; i < 5; i++) expect(await attempt('bad', start + i, null)).toEqual({ ok: false, reason: 'invalid' });
    const wrong = await attempt('bad', start + 100, null);
    expect(wrong).toMatchObject({ ok: false, reason: 'throttled' });
    expect(Object.keys(wrong).sort()).toEqual(['ok', 'reason', 'retryAfterMs']);
    expect((await attempt(TEST_PASSWORD, start + 200, null)).ok).toBe(true);
  });
});

describe('password verifications run a few at a time', () => {
  it(`at most ${VERIFY_CONCURRENCY} verify at once, ${VERIFY_QUEUE} wait, the rest are told to retry unchecked`, async () => {
    const when = Date.UTC(2026, 5, 3, 2, 0, 0);
    const n = VERIFY_CONCURRENCY + VERIFY_QUEUE + 10;
    // Distinct logins and addresses, so no back-off is involved: only the gate refuses.
    const results = await Promise.all(
      Array.from({ length: n }, (_, i) => logIn(t.db, { login: `nobody${i}`, password: 'x', ip: `10.9.0.${i}` }, new Date(when))),
    );
    expect(results.filter((r) => !r.ok && r.reason === 'invalid')).toHaveLength(VERIFY_CONCURRENCY + VERIFY_QUEUE);
    // Said as "busy", not as "too many failed attempts": nobody failed anything (issue 13, left from item 14).
    const busy = results.filter((r) => !r.ok && r.reason === 'busy');
    expect(busy).toHaveLength(10);
    expect(results.filter((r) => !r.ok && r.reason === 'throttled')).toHaveLength(0);
    // A refusal for being busy is not a failure: it never counts towards anyone's back-off.
    expect(await t.db.select().from(loginAttempts)).toHaveLength(VERIFY_CONCURRENCY + VERIFY_QUEUE);
  });
});
