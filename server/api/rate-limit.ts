/**
 * A token bucket per key (per API token): `burst` requests at once, refilled at `ratePerSec`. In memory,
 * so it limits one server process; with several app servers each enforces its own bucket
 * (docs/decisions/015-backups-durability-and-limits.md). The map is bounded: past `maxKeys` the least
 * recently used buckets are dropped (a dropped bucket comes back full, which errs toward the caller).
 */
export class TokenBucketLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    readonly ratePerSec: number,
    readonly burst: number,
    private readonly maxKeys = 10_000,
  ) {}

  /** Takes one request from `key`'s bucket; when empty, says after how many whole seconds one is free. */
  take(key: string, now = Date.now()): { ok: true } | { ok: false; retryAfterSec: number } {
    if (this.ratePerSec <= 0) return { ok: true };
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, at: now };
    this.buckets.delete(key);
    bucket.tokens = Math.min(this.burst, bucket.tokens + (Math.max(0, now - bucket.at) / 1000) * this.ratePerSec);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.maxKeys) this.buckets.delete(this.buckets.keys().next().value!);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterSec: Math.max(1, Math.ceil((1 - bucket.tokens) / this.ratePerSec)) };
  }

  get size(): number {
    return this.buckets.size;
  }
}
