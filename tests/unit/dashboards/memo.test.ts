import { beforeEach, describe, expect, it } from 'vitest';
import { clearMemo, memo } from '@/features/dashboards/memo';

// The dashboards' memo keeps the computation's promise (decision 020): concurrent viewers share one
// computation, a new data version computes again, and a failure is not kept.
describe('memo', () => {
  beforeEach(() => clearMemo());

  it('shares one computation between requests arriving while it runs', async () => {
    let computed = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const compute = async () => {
      computed++;
      await gate;
      return computed;
    };
    const first = memo('k', 'v1', compute);
    const second = memo('k', 'v1', compute);
    expect(second).toBe(first);
    release();
    expect(await Promise.all([first, second])).toEqual([1, 1]);
    expect(await memo('k', 'v1', compute)).toBe(1);
    expect(computed).toBe(1);
  });

  it('computes again for another data version, and keys apart', async () => {
    let computed = 0;
    const compute = async () => ++computed;
    expect(await memo('k', 'v1', compute)).toBe(1);
    expect(await memo('k', 'v2', compute)).toBe(2);
    expect(await memo('other', 'v2', compute)).toBe(3);
    expect(await memo('k', 'v2', compute)).toBe(2);
  });

  it('drops a failed computation, so the next request tries again', async () => {
    let calls = 0;
    const compute = async () => {
      calls++;
      if (calls === 1) throw new Error('busy');
      return 'ok';
    };
    await expect(memo('k', 'v1', compute)).rejects.toThrow('busy');
    expect(await memo('k', 'v1', compute)).toBe('ok');
    expect(calls).toBe(2);
  });

  it('a computation that throws before its first await is a rejected promise, not a throw', async () => {
    const compute = (): Promise<number> => {
      throw new Error('at once');
    };
    const p = memo('k', 'v1', compute);
    await expect(p).rejects.toThrow('at once');
    expect(await memo('k', 'v1', async () => 2)).toBe(2);
  });

  it('a failure of an older version does not drop the newer one stored under the key', async () => {
    let fail!: (e: Error) => void;
    const old = memo('k', 'v1', () => new Promise<number>((_, reject) => (fail = reject)));
    let computed = 0;
    const newer = memo('k', 'v2', async () => ++computed);
    fail(new Error('late'));
    await expect(old).rejects.toThrow('late');
    expect(await newer).toBe(1);
    expect(await memo('k', 'v2', async () => ++computed)).toBe(1);
  });
});
