import { describe, expect, it } from 'vitest';
import { TokenBucketLimiter } from '@/server/api/rate-limit';

describe('TokenBucketLimiter', () => {
  it('lets a burst through, then refills at the rate and says when to retry', () => {
    const limiter = new TokenBucketLimiter(2, 3);
    const t0 = 1_000_000;
    expect([1, 2, 3].map(() => limiter.take('a', t0).ok)).toEqual([true, true, true]);
    expect(limiter.take('a', t0)).toEqual({ ok: false, retryAfterSec: 1 });
    // Half a second at 2/s is one request.
    expect(limiter.take('a', t0 + 500).ok).toBe(true);
    expect(limiter.take('a', t0 + 500).ok).toBe(false);
    // Another key has its own bucket.
    expect(limiter.take('b', t0 + 500).ok).toBe(true);
    // A long pause refills up to the burst, not beyond.
    const later = t0 + 60_000;
    expect([1, 2, 3, 4].map(() => limiter.take('a', later).ok)).toEqual([true, true, true, false]);
  });

  it('rounds Retry-After up to whole seconds at slow rates, and a rate of 0 turns the limit off', () => {
    const slow = new TokenBucketLimiter(0.1, 1);
    expect(slow.take('k', 0).ok).toBe(true);
    expect(slow.take('k', 0)).toEqual({ ok: false, retryAfterSec: 10 });
    const off = new TokenBucketLimiter(0, 1);
    for (let i = 0; i < 100; i++) expect(off.take('k', 0).ok).toBe(true);
  });

  it('keeps at most maxKeys buckets, dropping the least recently used', () => {
    const limiter = new TokenBucketLimiter(1, 1, 3);
    for (const k of ['a', 'b', 'c']) limiter.take(k, 0);
    limiter.take('a', 0); // a is now the most recent (and empty)
    limiter.take('d', 0); // drops b
    expect(limiter.size).toBe(3);
    expect(limiter.take('a', 0).ok).toBe(false);
    expect(limiter.take('b', 0).ok).toBe(true); // b came back full
  });
});
