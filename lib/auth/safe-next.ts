/**
 * Only a path on this site may be the target after login; anything else goes to the overview. The value is
 * resolved as a browser would (which drops tabs and newlines, so "/\t/evil.example" means another host).
 */
export function safeNext(next: string | undefined | null): string {
  if (!next) return '/';
  const base = 'http://fenghuo.invalid';
  try {
    const url = new URL(next, base);
    return url.origin === base ? `${url.pathname}${url.search}${url.hash}` : '/';
  } catch {
    return '/';
  }
}
