import { randomBytes } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { isCacheablePageRequest, pageCacheKey } from '@/server/page-cache/policy';
import { acceptsGzip } from '@/server/page-cache/handler';
import { gzippedWithNonce, PageStore, toCachedPage, withNonce } from '@/server/page-cache/store';

const request = (url: string, headers: Record<string, string> = {}, method = 'GET') => ({
  method,
  url,
  header: (n: string) => headers[n],
});

const page = (body: string | Buffer, version = 'v1', nonce: string | null = 'OLD+nonce/==') =>
  toCachedPage({ version, status: 200, headers: { 'content-type': 'text/html' }, body: Buffer.from(body), nonce });

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

  it('stays within its bytes (the page and its compressed pieces), dropping the least recently used first', () => {
    const one = page('x'.repeat(25)).bytes;
    expect(one).toBeGreaterThan(25);
    const store = new PageStore(4 * one);
    store.set('a', page('x'.repeat(25)));
    store.set('b', page('x'.repeat(25)));
    store.set('c', page('x'.repeat(25)));
    store.get('a', 'v1'); // a is now the most recently used
    store.set('d', page('x'.repeat(25)));
    store.set('e', page('x'.repeat(25)));
    expect(store.size.bytes).toBeLessThanOrEqual(4 * one);
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

it('a gzipped answer, joined from pieces compressed once, unzips to exactly the page with its own nonce', () => {
  const old = 'OLD+nonce/==';
  const big = randomBytes(200_000).toString('base64'); // incompressible, over a stored block's 64 KB
  const bodies = [
    `<script nonce="${old}">a</script><p>页面</p><script nonce="${old}" src="/x.js"></script>`,
    `${old}middle${old}`, // at the very start and end
    `${old}${old}${old}`, // side by side, empty pieces between
    `<p>${big}</p><script nonce="${old}"></script>${'<tr><td>研究所</td></tr>'.repeat(5_000)}`,
    '',
  ];
  for (const body of bodies) {
    const kept = page(body);
    for (const nonce of ['NEW', 'b64+/nonce==', 'x'.repeat(64)]) {
      const plain = withNonce(kept, nonce);
      expect(plain.toString()).toBe(body.split(old).join(nonce));
      expect(gunzipSync(gzippedWithNonce(kept, nonce)).equals(plain)).toBe(true);
    }
  }
  // A page without a nonce is answered as rendered.
  const none = page('<p>old+nonce</p>', 'v1', null);
  expect(gunzipSync(gzippedWithNonce(none, 'NEW')).toString()).toBe('<p>old+nonce</p>');
  // Compressed once: the joined answer is about as small as compressing the page itself.
  const html = '<tr><td>研究所</td><td>12</td></tr>'.repeat(3_000);
  const sized = page(`<script nonce="${old}"></script>${html}<script nonce="${old}"></script>`);
  expect(gzippedWithNonce(sized, 'NEW').length).toBeLessThan(sized.body.length / 20);
});

it('gzip only when Accept-Encoding allows it', () => {
  for (const yes of ['gzip', 'gzip, deflate, br, zstd', 'br;q=1.0, gzip;q=0.8', '*', 'x-gzip', 'br, *;q=0.1'])
    expect(acceptsGzip(yes), yes).toBe(true);
  for (const no of [undefined, '', 'identity', 'br', 'gzip;q=0', 'gzip;q=0, *', 'gzip;q=0.0, br', '*;q=0'])
    expect(acceptsGzip(no), String(no)).toBe(false);
});

it('keeps no more memory than it counts: the compressed pieces share one allocation of their size', () => {
  const kept = page(Array.from({ length: 40 }, (_, i) => `<script nonce="OLD+nonce/==">s${i}</script>`).join(''));
  expect(kept.deflated).toHaveLength(41);
  const total = kept.deflated.reduce((n, d) => n + d.length, 0);
  for (const d of kept.deflated) expect(d.buffer.byteLength).toBe(total);
  expect(kept.bytes).toBe(kept.body.length + total);
});
