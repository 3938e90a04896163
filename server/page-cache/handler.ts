import type http from 'node:http';
import type { Db } from '@/db/client';
import { resolveActor } from '@/features/auth/resolve-actor';
import { SESSION_COOKIE } from '@/domain/auth/session-policy';
import { LOCALE_COOKIE, toLocale } from '@/domain/i18n/locales';
import { isCacheablePageRequest, pageCacheKey } from '@/server/page-cache/policy';
import { gzippedWithNonce, toCachedPage, withNonce, type CachedPage, type PageStore, type RenderedPage } from '@/server/page-cache/store';
import { pageVersion } from '@/server/page-cache/version';
import { newNonce, securityHeaders } from '@/server/security/headers';
import { cameOverHttps, type TrustSettings } from '@/server/security/request-trust';

// The page cache in front of Next (decision 021): a dashboard rendered for one person is answered to the
// next person of the same role and unit, in the same language, at the same address, until the data
// version moves. Every request is still authenticated through resolveActor (the one place a session
// becomes a scope), so an ended session, a changed password or another unit never gets a kept page.

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void> | void;

/** Headers of a rendered page that belong to one response only, or are set afresh for each. */
const PER_RESPONSE = new Set([
  'content-length',
  'content-encoding',
  'transfer-encoding',
  'date',
  'connection',
  'keep-alive',
  ...Object.keys(securityHeaders({ nonce: 'x', https: true })).map((h) => h.toLowerCase()),
]);

const WAIT_FOR_RENDERING_MS = 30_000;
const FAILED_PARTS = ['$RX(', 'data-dgst', 'NEXT_HTTP_ERROR_FALLBACK', 'NEXT_REDIRECT'];

export function withPageCache(opts: { db: Db; store: PageStore; trust: TrustSettings; next: Handler }): Handler {
  const { db, store, trust, next } = opts;
  return async (req, res) => {
    const facts = { method: req.method ?? 'GET', url: req.url ?? '/', header: (n: string) => headerOf(req, n) };
    if (!isCacheablePageRequest(facts)) return next(req, res);
    let key: string;
    let version: string;
    try {
      const cookies = keyCookies(req.headers.cookie);
      if (!cookies) return next(req, res);
      const sessionToken = cookies[SESSION_COOKIE];
      const actor = sessionToken ? await resolveActor(db, { sessionToken }) : null;
      // Not signed in (or no longer): Next answers, which sends the person to the login page.
      if (!actor) return next(req, res);
      key = pageCacheKey(actor, toLocale(cookies[LOCALE_COOKIE]), facts.url);
      version = await pageVersion(db, new Date());
    } catch {
      // The cache is an optimisation: whatever goes wrong here, Next answers as it would without it.
      return next(req, res);
    }

    const kept = store.get(key, version);
    if (kept) return send(req, res, kept, trust, 'hit');
    const pending = store.renderingOf(key, version);
    if (pending) {
      const page = await Promise.race([pending, delay(WAIT_FOR_RENDERING_MS)]);
      if (page) return send(req, res, page, trust, 'shared');
      return next(req, res);
    }
    const finish = store.startRendering(key, version);
    capture(req, res, (page) => finish(page && toCachedPage({ ...page, version })));
    res.setHeader('X-Fenghuo-Page-Cache', 'miss');
    return next(req, res);
  };
}

/** Keeps a copy of what Next writes, and hands it over once the page has been answered whole. */
function capture(req: http.IncomingMessage, res: http.ServerResponse, done: (page: Omit<RenderedPage, 'version'> | null) => void): void {
  // Plain bytes to keep (each answer gets its own nonce, so a kept page is compressed when sent).
  delete req.headers['accept-encoding'];
  const chunks: Buffer[] = [];
  const keep = (chunk: unknown, encoding?: unknown) => {
    if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
    chunks.push(
      typeof chunk === 'string'
        ? Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8')
        : Buffer.from(chunk as Uint8Array),
    );
  };
  const write = res.write;
  const end = res.end;
  res.write = function (this: http.ServerResponse, chunk: unknown, ...rest: unknown[]) {
    keep(chunk, rest[0]);
    return (write as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
  } as typeof res.write;
  res.end = function (this: http.ServerResponse, chunk?: unknown, ...rest: unknown[]) {
    keep(chunk, rest[0]);
    return (end as (...a: unknown[]) => http.ServerResponse).call(this, chunk, ...rest);
  } as typeof res.end;

  let settled = false;
  const settle = (page: Omit<RenderedPage, 'version'> | null) => {
    if (settled) return;
    settled = true;
    done(page);
  };
  res.once('finish', () => {
    const type = String(res.getHeader('content-type') ?? '');
    const nonce = /'nonce-([^']+)'/.exec(String(res.getHeader('content-security-policy') ?? ''))?.[1] ?? null;
    // Only a whole, ordinary page for everyone of the key: no redirect or error, no cookie being set.
    if (res.statusCode !== 200 || !type.startsWith('text/html') || res.getHeader('set-cookie') || !nonce) return settle(null);
    const body = Buffer.concat(chunks);
    // The status is sent before a streamed page's parts: a part that failed (React's client-render
    // instruction, an error digest) or a page that turned out not found still ends as a 200.
    if (FAILED_PARTS.some((marker) => body.includes(marker))) return settle(null);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(res.getHeaders())) {
      if (value === undefined || PER_RESPONSE.has(name) || name === 'x-fenghuo-page-cache') continue;
      headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
    }
    settle({ status: 200, headers, body, nonce });
  });
  // Closed before it finished (the browser went away, or the render failed): nothing to keep.
  res.once('close', () => settle(null));
}

function send(req: http.IncomingMessage, res: http.ServerResponse, page: CachedPage, trust: TrustSettings, how: string): void {
  const nonce = newNonce();
  const gzip = acceptsGzip(headerOf(req, 'accept-encoding'));
  const headers: Record<string, string | number> = {
    ...page.headers,
    ...securityHeaders({
      nonce,
      // As proxy.ts decides it for every other answer.
      https: trust.secureCookies === true || cameOverHttps({ get: (n) => headerOf(req, n) ?? null }, trust),
    }),
    'X-Fenghuo-Page-Cache': how,
  };
  // The same address is answered compressed or not by what the browser accepts.
  const vary = page.headers.vary;
  headers.vary = !vary ? 'Accept-Encoding' : /accept-encoding/i.test(vary) ? vary : `${vary}, Accept-Encoding`;
  // Compressed once when kept; each answer only joins the pieces around its nonce.
  const body = gzip ? gzippedWithNonce(page, nonce) : withNonce(page, nonce);
  if (gzip) headers['Content-Encoding'] = 'gzip';
  headers['Content-Length'] = body.length;
  res.writeHead(page.status, headers);
  res.end(body);
}

/** Whether Accept-Encoding allows gzip: named without q=0, or else allowed by `*`. */
export function acceptsGzip(header: string | undefined): boolean {
  const q: Record<string, number> = {};
  for (const part of (header ?? '').split(',')) {
    const [coding, ...params] = part.split(';').map((x) => x.trim().toLowerCase());
    if (!coding) continue;
    const weight = params.find((x) => x.startsWith('q='));
    q[coding] = weight ? Number(weight.slice(2)) || 0 : 1;
  }
  const named = q.gzip ?? q['x-gzip'];
  return named !== undefined ? named > 0 : (q['*'] ?? 0) > 0;
}

function headerOf(req: http.IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(', ') : v;
}

/**
 * The cookies the key depends on, or null when they are not plain: a repeated name or an encoded value
 * could be read one way here and another by Next, and the page kept under one person's key would then have
 * been rendered for another. Such a request is simply not cached.
 */
function keyCookies(header: string | undefined): Record<string, string> | null {
  const out: Record<string, string> = {};
  // Split as Next does ("; " then any spaces), and trim nothing more: a name or value with other spaces
  // around it would be read differently there, so such a request is not cached.
  for (const part of (header ?? '').split(/; */)) {
    const at = part.indexOf('=');
    const name = at < 0 ? part : part.slice(0, at);
    if (name.trim() !== SESSION_COOKIE && name.trim() !== LOCALE_COOKIE) continue;
    const value = at < 0 ? '' : part.slice(at + 1);
    if (name in out || (name !== SESSION_COOKIE && name !== LOCALE_COOKIE) || !/^[A-Za-z0-9._~-]+$/.test(value)) return null;
    out[name] = value;
  }
  return out;
}

function delay(ms: number): Promise<null> {
  return new Promise((resolve) => setTimeout(() => resolve(null), ms).unref());
}
