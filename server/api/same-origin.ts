import { env } from '@/server/env';

/**
 * Cookie-authenticated POST handlers accept only requests from this site's own pages: the browser sends
 * Origin (and Sec-Fetch-Site) on every cross-site POST, so a foreign page cannot make a signed-in user's
 * browser import a file. X-Forwarded-Host names our host only behind a trusted proxy (FENGHUO_TRUST_PROXY).
 */
export function isSameOrigin(req: Request, trustProxy = env().FENGHUO_TRUST_PROXY): boolean {
  const site = req.headers.get('sec-fetch-site');
  if (site === 'cross-site' || site === 'same-site') return false;
  const origin = req.headers.get('origin');
  if (!origin) return true;
  const host = (trustProxy && req.headers.get('x-forwarded-host')) || req.headers.get('host');
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
