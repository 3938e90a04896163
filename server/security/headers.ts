/**
 * The security headers of every response (decision 017). Pages get a Content-Security-Policy whose scripts
 * need this request's nonce (Next puts it on its own scripts); everything else (API answers, files,
 * downloads) gets a policy that allows nothing to run at all.
 */
export interface HeaderOptions {
  nonce?: string;
  https: boolean;
  dev?: boolean;
}

export function pageCsp(nonce: string, dev = false): string {
  return [
    "default-src 'self'",
    // 'strict-dynamic': scripts the nonced Next runtime loads are trusted; no other inline script runs.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    // Style attributes cannot carry a nonce and recharts/Tremor set them on the chart SVGs, so inline
    // styles stay allowed; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** For answers that are not pages: nothing in them may run, load or be framed. */
export const NON_PAGE_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export const HSTS = 'max-age=31536000; includeSubDomains';

export function securityHeaders(opts: HeaderOptions): Record<string, string> {
  const headers: Record<string, string> = {
    'Content-Security-Policy': opts.nonce ? pageCsp(opts.nonce, opts.dev) : NON_PAGE_CSP,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
  if (opts.https) headers['Strict-Transport-Security'] = HSTS;
  return headers;
}

/** A fresh, unguessable nonce for one response (base64 of 16 random bytes). */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
