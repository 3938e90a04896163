import { NextResponse, type NextRequest } from 'next/server';
import { env } from '@/server/env';
import { cameOverHttps } from '@/server/security/request-trust';
import { newNonce, securityHeaders } from '@/server/security/headers';
import { isSameOrigin } from '@/server/api/same-origin';

// Runs before every request, pages, API, files and server actions alike (no matcher on purpose), to put
// the security headers on every answer. It authorises nothing: each page, action and route checks its
// caller itself (CONVENTIONS.md habit 3).

function isPage(pathname: string): boolean {
  return !pathname.startsWith('/api/') && !pathname.startsWith('/_next/static/') && !/\.[a-z0-9]+$/i.test(pathname);
}

export function proxy(request: NextRequest): NextResponse {
  const trust = settings();
  // HSTS when the browser came over HTTPS, or when the operator declared it always does (Secure cookies).
  const https = trust.secureCookies === true || cameOverHttps(request.headers, trust);
  if (isForeignAction(request, trust.trustProxy)) return refused(securityHeaders({ https, dev: process.env.NODE_ENV === 'development' }));
  const nonce = isPage(request.nextUrl.pathname) ? newNonce() : undefined;
  const headers = securityHeaders({ nonce, https, dev: process.env.NODE_ENV === 'development' });
  const requestHeaders = new Headers(request.headers);
  // Next reads the nonce from the request's policy and puts it on its own scripts.
  if (nonce) {
    requestHeaders.set('content-security-policy', headers['Content-Security-Policy']!);
    requestHeaders.set('x-nonce', nonce);
  }
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [k, v] of Object.entries(headers)) response.headers.set(k, v);
  return response;
}

/**
 * A server action posted from another site. Next refuses it too, but by throwing, which answers 500 and
 * logs a stack; refusing here answers a plain 403 before the action handler runs (issue 13, item 14). The
 * rule is the import upload's (isSameOrigin), so the two cannot disagree.
 */
function isForeignAction(request: NextRequest, trustProxy: boolean): boolean {
  return request.method === 'POST' && request.headers.has('next-action') && !isSameOrigin(request, trustProxy);
}

function refused(headers: Record<string, string>): NextResponse {
  // Both languages: a forged cross-site post carries no trustworthy locale, and the text is for a developer.
  return new NextResponse('拒绝跨站请求。 Cross-site request refused.\n', {
    status: 403,
    headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' },
  });
}

function settings() {
  try {
    const e = env();
    return { trustProxy: e.FENGHUO_TRUST_PROXY, secureCookies: e.FENGHUO_SECURE_COOKIES };
  } catch {
    // A bad configuration stops the server at start; here only the headers' defaults are needed.
    return { trustProxy: false, secureCookies: undefined };
  }
}
