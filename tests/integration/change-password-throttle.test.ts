import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../setup/test-db';
import { addUser, seedSmallOrg, TEST_PASSWORD } from '../setup/small-org';
import { changePassword } from '@/features/auth/change-password';
import { logIn } from '@/features/auth/login';
import { FieldProblem } from '@/domain/errors';
import { auditLog } from '@/db/schema';

// Issue 13, item 12: with a stolen session, 40 wrong current passwords in 1.2 s were all checked, and the
// right one answered differently: the change-password form was a password oracle. Real database and
// Argon2; the clock is passed in.
let t: TestDb;
let userId: number;

beforeAll(async () => {
  t = await createTestDb();
  await seedSmallOrg(t.db);
  userId = await addUser(t.db, 'victim', 'reporter', 'BJ01');
});
afterAll(() => t.close());

const NEW = 'a-brand-new-password';
const start = Date.UTC(2026, 6, 1, 2, 0, 0);

/** The refusal of one attempt, as {field, key, zh, en}, or 'changed'. */
async function tryChange(current: string, at: number, session: string, confirm = NEW) {
  try {
    await changePassword(t.db, userId, { currentPassword: current, newPassword: NEW, confirmPassword: confirm }, new Date(at), {
      sessionId: session,
    });
    return 'changed' as const;
  } catch (e) {
    if (!(e instanceof FieldProblem)) throw e;
    return { field: e.field, key: e.key, zh: e.localized('zh-CN'), en: e.localized('en') };
  }
}

const failuresAudited = () =>
  t.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, 'user.password_change_failed'), eq(auditLog.entityId, userId)));

describe('changing a password cannot be used to guess the current one', () => {
  it('an otherwise invalid form gets the same answer whether the current password is right or wrong', async () => {
    expect(await tryChange(TEST_PASSWORD, start, 'thief', 'mismatch')).toEqual(await tryChange('wrong-guess', start, 'thief', 'mismatch'));
    expect(await failuresAudited()).toHaveLength(0);
  });

  it('after 5 wrong current passwords the session backs off, the right one is refused alike, and failures are audited', async () => {
    const answers: Awaited<ReturnType<typeof tryChange>>[] = [];
    for (let i = 0; i < 40; i++) answers.push(await tryChange(`guess-${i}`, start + 1000 + i * 30, 'thief'));
    expect(answers.slice(0, 5).every((a) => a !== 'changed' && a.key === 'security.currentPasswordWrong')).toBe(true);
    const throttled = answers.slice(5);
    expect(throttled.every((a) => a !== 'changed' && a.field === 'currentPassword' && a.key === 'security.changeThrottledFor')).toBe(true);
    expect(throttled[0]).toMatchObject({ zh: expect.stringMatching(/\d+ ?秒/), en: expect.stringMatching(/\d+ seconds/) });
    // The right password during the back-off: the same answer as a wrong one, and nothing changes.
    const right = await tryChange(TEST_PASSWORD, start + 3000, 'thief');
    expect(right).toMatchObject({ field: 'currentPassword', key: 'security.changeThrottledFor' });
    expect((await logIn(t.db, { login: 'victim', password: TEST_PASSWORD, ip: null })).ok).toBe(true);
    // Every checked failure is in the audit chain, with who and which session (not the refused ones).
    const audited = await failuresAudited();
    expect(audited).toHaveLength(5);
    expect(audited[0]).toMatchObject({ actorUserId: userId, entityKind: 'user', after: { session: 'thief' } });
  });

  it("the owner's own session is not held back by another session's failures", async () => {
    expect(await tryChange(TEST_PASSWORD, start + 4000, 'owner')).toBe('changed');
    expect(await t.db.select().from(auditLog).where(eq(auditLog.action, 'user.password_change'))).toHaveLength(1);
  });
});

describe('a full password gate is said as busy, not as failed attempts', () => {
  it('a change refused because the gate is full names the wait and counts no failure', async () => {
    const { passwordGate } = await import('@/domain/auth/verify-gate');
    const { VERIFY_CONCURRENCY, VERIFY_QUEUE } = await import('@/domain/auth/session-policy');
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    // Fill every place and the whole line with work that waits until released.
    const holders = Array.from({ length: VERIFY_CONCURRENCY + VERIFY_QUEUE }, () => passwordGate.run(() => held));
    const before = (await failuresAudited()).length;
    const answer = await tryChange('whatever', start + 90_000_000, 'busy-session');
    release();
    await Promise.all(holders);
    expect(answer).toMatchObject({ field: 'currentPassword', key: 'security.busyFor' });
    expect(answer !== 'changed' && answer.en).toMatch(/busy/);
    expect(answer !== 'changed' && answer.zh).toMatch(/正忙/);
    expect(await failuresAudited()).toHaveLength(before);
  });
});
