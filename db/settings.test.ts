import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '@/tests/setup/test-db';
import { compareAndPutSetting, getSetting, putSetting } from './settings';

// The drift mark's compare-and-set (features/rating/published-drift.ts): one conditional statement, so a
// recheck that read an older value never overwrites what another stored meanwhile, on either engine.

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t?.close());

describe('compareAndPutSetting', () => {
  it('writes an absent key only when no value was read', async () => {
    expect(await compareAndPutSetting(t.db, 'cas:a', undefined, 'one')).toBe(true);
    expect(await getSetting(t.db, 'cas:a')).toBe('one');
    expect(await compareAndPutSetting(t.db, 'cas:a', undefined, 'two')).toBe(false);
    expect(await getSetting(t.db, 'cas:a')).toBe('one');
  });

  it('replaces the value only if it is still the one read', async () => {
    await putSetting(t.db, 'cas:b', 'read');
    // Another recheck stored meanwhile: this one's write is dropped.
    await putSetting(t.db, 'cas:b', 'stored meanwhile');
    expect(await compareAndPutSetting(t.db, 'cas:b', 'read', 'late')).toBe(false);
    expect(await getSetting(t.db, 'cas:b')).toBe('stored meanwhile');
    expect(await compareAndPutSetting(t.db, 'cas:b', 'stored meanwhile', 'next')).toBe(true);
    expect(await getSetting(t.db, 'cas:b')).toBe('next');
  });

  it('leaves other keys alone', async () => {
    await putSetting(t.db, 'cas:c', 'same');
    await putSetting(t.db, 'cas:d', 'same');
    expect(await compareAndPutSetting(t.db, 'cas:c', 'same', 'changed')).toBe(true);
    expect(await getSetting(t.db, 'cas:d')).toBe('same');
  });
});
