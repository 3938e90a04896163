/**
 * Cookie-authenticated POST handlers accept only requests from this site's own pages: the browser sends
 * Origin on every cross-site POST, so a foreign page cannot make a signed-in user's browser import a file.
 */
export function isSameOrigin(req: Request): boolean {
  const origin = req.headers.get('origin');
  if (!origin) return true;
  const host = req.headers.get('x-forwarded-host') ?? req.headers.get('host');
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
