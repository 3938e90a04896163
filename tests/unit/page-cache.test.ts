import { describe, expect, it } from 'vitest';
import { isCacheablePageRequest, pageCacheKey } from '@/lib/page-cache/policy';
import { PageStore, withNonce, type CachedPage } from '@/lib/page-cache/store';

const request = (url: string, headers: Record<string, string> = {}, method = 'GET') => ({
  method,
  url,
  header: (n: string) => headers[n],
});

const page = (body: string, version = 'v1', nonce: string | null = 'OLD+nonce/==') =>
  ({ version, status: 200, headers: { 'content-type': 'text/html' }, body: Buffer.from(body), nonce }) satisfies CachedPage;

describe('which requests the page cache answers', () => {
  it('whole-page GETs of the dashboards, with any filters', () => {
    for (const url of [
      '/',
      '/heatmaps',
      '/heatmaps?year=2026&mode=counts',
      '/heatmaps/matrix?domain=ai',
      '/heatmaps/calendar',
      '/domains',
      '/domains/ai',
    ])
      expect(isCacheablePageRequest(request(url)), url).toBe(true);
  });

  it('no other page, no write, and none of Next’s own client requests (navigation payloads, prefetches, actions)', () => {
    for (const url of ['/records/incidents', '/alerts', '/units/BJ01', '/heatmaps/x/y', '/api/v1/me', '/login', '/domains/ai/edit'])
      expect(isCacheablePageRequest(request(url)), url).toBe(false);
    expect(isCacheablePageRequest(request('/', {}, 'POST'))).toBe(false);
    expect(isCacheablePageRequest(request('/', { rsc: '1' }))).toBe(false);
    expect(isCacheablePageRequest(request('/', { 'next-router-prefetch': '1' }))).toBe(false);
    expect(isCacheablePageRequest(request('/', { 'next-action': 'abc' }))).toBe(false);
  });

  it('keys by role, unit, language and address, never by less', () => {
    const office = { role: 'office' as const, unitId: 1 };
    const keys = new Set([
      pageCacheKey(office, 'zh-CN', '/'),
      pageCacheKey({ ...office, role: 'leader' }, 'zh-CN', '/'),
      pageCacheKey({ ...office, unitId: 2 }, 'zh-CN', '/'),
      pageCacheKey(office, 'en', '/'),
      pageCacheKey(office, 'zh-CN', '/?year=2025'),
    ]);
    expect(keys.size).toBe(5);
  });
});

describe('the store', () => {
  it('answers a page only for the data version it was rendered at', () => {
    const store = new PageStore(1_000_000);
    store.set('k', page('<html>', 'v1'));
    expect(store.get('k', 'v2')).toBeNull();
    // The stale page is gone, not only skipped.
    expect(store.get('k', 'v1')).toBeNull();
    expect(store.size.pages).toBe(0);
    store.set('k', page('<html>', 'v2'));
    expect(store.get('k', 'v2')?.body.toString()).toBe('<html>');
  });

  it('stays within its bytes, dropping the least recently used first', () => {
    const store = new PageStore(100);
    store.set('a', page('x'.repeat(25)));
    store.set('b', page('x'.repeat(25)));
    store.set('c', page('x'.repeat(25)));
    store.get('a', 'v1'); // a is now the most recently used
    store.set('d', page('x'.repeat(25)));
    store.set('e', page('x'.repeat(25)));
    expect(store.size.bytes).toBeLessThanOrEqual(100);
    expect(store.get('b', 'v1')).toBeNull();
    expect(store.get('a', 'v1')).not.toBeNull();
    // A page larger than a quarter of the budget is not kept at all.
    store.set('big', page('x'.repeat(30)));
    expect(store.get('big', 'v1')).toBeNull();
  });

  it('lets requests arriving during a rendering wait for it, and keeps what it rendered', async () => {
    const store = new PageStore(1_000_000);
    expect(store.renderingOf('k', 'v1')).toBeNull();
    const finish = store.startRendering('k', 'v1');
    const waiting = store.renderingOf('k', 'v1');
    expect(waiting).not.toBeNull();
    // Another version does not wait for this one.
    expect(store.renderingOf('k', 'v2')).toBeNull();
    finish(page('<p>', 'v1'));
    expect((await waiting)?.body.toString()).toBe('<p>');
    expect(store.renderingOf('k', 'v1')).toBeNull();
    expect(store.get('k', 'v1')).not.toBeNull();
  });

  it('a failed rendering keeps nothing and releases its waiters', async () => {
    const store = new PageStore(1_000_000);
    const finish = store.startRendering('k', 'v1');
    const waiting = store.renderingOf('k', 'v1');
    finish(null);
    expect(await waiting).toBeNull();
    expect(store.get('k', 'v1')).toBeNull();
  });
});

it('every answer carries its own nonce, everywhere the rendering put the old one', () => {
  const body = `<script nonce="OLD+nonce/==">a</script><script nonce="OLD+nonce/==" src="/x.js"></script>`;
  const out = withNonce(page(body), 'NEW').toString();
  expect(out).toBe(`<script nonce="NEW">a</script><script nonce="NEW" src="/x.js"></script>`);
  expect(withNonce(page('<p>', 'v1', null), 'NEW').toString()).toBe('<p>');
});
