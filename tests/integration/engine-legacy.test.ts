import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { settings } from '@/db/schema';
import { first, legacyDb, openEngine } from '@/db/engine';
import type { Db, SyncDb } from '@/db/tx';
import { isDatabaseBusy } from '@/db/busy';
import { createTestDb, type TestDb } from '../setup/test-db';

// The bridge for the conversion period (decision 040): synchronous drizzle over the engine's writer. It
// joins the async transaction of its own context, never another's, and never waits on our own lock.
let base: TestDb;
let engine: Db;
let legacy: SyncDb;

beforeAll(() => {
  base = createTestDb();
  engine = openEngine(base.file, { busyTimeoutMs: 400 });
  legacy = legacyDb(engine);
});

afterAll(() => {
  engine.close();
  base.close();
});

function gate(): { open: () => void; passed: Promise<void> } {
  let open!: () => void;
  const passed = new Promise<void>((resolve) => (open = resolve));
  return { open, passed };
}

const legacyValue = (key: string) => legacy.select().from(settings).where(eq(settings.key, key)).get()?.value;
const engineValue = async (key: string) => first(await engine.select().from(settings).where(eq(settings.key, key)).limit(1))?.value;

describe('the synchronous bridge', () => {
  it('reads and writes like the synchronous layer when no async transaction is open', async () => {
    legacy.insert(settings).values({ key: 'legacy.free', value: '1' }).run();
    legacy.transaction((tx) => tx.update(settings).set({ value: '2' }).where(eq(settings.key, 'legacy.free')).run(), {
      behavior: 'immediate',
    });
    expect(legacyValue('legacy.free')).toBe('2');
    expect(await engineValue('legacy.free')).toBe('2');
  });

  it('inside an async transaction it joins it: its writes commit or roll back with it', async () => {
    await expect(
      engine.transaction(async (tx) => {
        await tx.insert(settings).values({ key: 'joined.async', value: '1' });
        legacy.insert(settings).values({ key: 'joined.sync', value: '1' }).run();
        expect(legacyValue('joined.async')).toBe('1');
        legacy.transaction((inner) => inner.insert(settings).values({ key: 'joined.nested', value: '1' }).run());
        throw new Error('roll it all back');
      }),
    ).rejects.toThrow('roll it all back');
    expect(legacyValue('joined.sync')).toBeUndefined();
    expect(legacyValue('joined.nested')).toBeUndefined();

    await engine.transaction(async () => {
      legacy.insert(settings).values({ key: 'joined.kept', value: '1' }).run();
    });
    expect(await engineValue('joined.kept')).toBe('1');
  });

  it('while another request’s async transaction is open: reads see only committed data, writes are refused at once', async () => {
    const written = gate();
    const finish = gate();
    const other = engine.transaction(async (tx) => {
      await tx.insert(settings).values({ key: 'other.open', value: 'uncommitted' });
      written.open();
      await finish.passed;
    });
    await written.passed;
    try {
      expect(legacyValue('other.open')).toBeUndefined();
      const started = Date.now();
      let error: unknown;
      try {
        legacy.insert(settings).values({ key: 'refused', value: '1' }).run();
      } catch (e) {
        error = e;
      }
      expect(isDatabaseBusy(error)).toBe(true);
      expect(Date.now() - started).toBeLessThan(100);
      expect(() => legacy.transaction(() => undefined)).toThrow(/async transaction/);
    } finally {
      finish.open();
      await other;
    }
    expect(legacyValue('other.open')).toBe('uncommitted');
    expect(legacyValue('refused')).toBeUndefined();
  });
});
