import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '@/server/api/body';
import { MAX_UPLOAD_REQUEST_BYTES } from '@/platform/spreadsheets/read/limits';

// Next buffers every request body for proxy.ts up to experimental.proxyClientMaxBodySize and silently cuts
// what passes it (issue 13 item 10). Its value lives in next.config.js, which cannot import the routes'
// limits; this keeps them together.
describe('the proxy body buffer', () => {
  it('holds every body a route may accept, with room for the chunk that crosses it', () => {
    const config = createRequire(import.meta.url)('../../next.config.js') as { experimental?: { proxyClientMaxBodySize?: number } };
    const buffered = config.experimental?.proxyClientMaxBodySize ?? 10 * 1024 * 1024;
    // Next drops the whole chunk (at most 64 KB from a socket) that crosses its limit; 1 MB more than the
    // largest route limit leaves any cut body still over that limit, so the route refuses it for its size.
    expect(buffered).toBeGreaterThanOrEqual(Math.max(MAX_BODY_BYTES, MAX_UPLOAD_REQUEST_BYTES) + 1024 * 1024);
    // And not much more: each request's body is held in memory up to this size.
    expect(buffered).toBeLessThanOrEqual(Math.max(MAX_BODY_BYTES, MAX_UPLOAD_REQUEST_BYTES) + 4 * 1024 * 1024);
  });
});
