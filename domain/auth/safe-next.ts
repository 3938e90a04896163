const BASE = 'http://x';

/** Percent-decodes until nothing changes (a few rounds at most), so "%252f" is judged as "/"; null if malformed. */
function fullyDecoded(value: string): string | null {
  let current = value;
  for (let i = 0; i < 4; i++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return null;
    }
    if (next === current) return current;
    current = next;
  }
  return null;
}

/** A path a browser resolves on this origin: one leading slash, and none of what browsers read as a host. */
function staysHere(path: string): URL | null {
  // Browsers drop tabs and newlines and read "\" as "/", so "/\t/host" and "/\host" name another host.
  // Only the path can turn into a host; a space or a backslash in the query (once decoded) is harmless.
  const pathPart = path.split(/[?#]/, 1)[0]!;
  if (!path.startsWith('/') || /[\\\x00-\x20\x7f]/.test(pathPart) || /[\t\n\r]/.test(path)) return null;
  let url: URL;
  try {
    url = new URL(path, BASE);
  } catch {
    return null;
  }
  // "/.//host" resolves to the path "//host", which a browser given it as Location reads as a host.
  return url.origin === BASE && !url.pathname.startsWith('//') ? url : null;
}

/**
 * Only a path on this site may be the target after login; anything else goes to the overview (issue 13).
 * The value is judged both as sent and fully decoded, since the path a browser finally follows may be
 * either; the answer is the parsed, normalised form, which is judged once more.
 */
export function safeNext(next: string | undefined | null): string {
  if (!next) return '/';
  const decoded = fullyDecoded(next);
  const url = decoded === null || !staysHere(decoded) ? null : staysHere(next);
  if (!url) return '/';
  const target = `${url.pathname}${url.search}${url.hash}`;
  return staysHere(target) ? target : '/';
}
