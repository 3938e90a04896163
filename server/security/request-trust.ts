/**
 * What a request says about itself, believed only as far as the deployment allows. Forwarded headers
 * (X-Forwarded-For, -Proto, -Host) are anyone's to send; they mean something only when a reverse proxy we
 * run sets them, which the operator declares with FENGHUO_TRUST_PROXY=true.
 */
export interface TrustSettings {
  trustProxy: boolean;
  /** true: always Secure cookies; false: never; undefined: Secure when the request came over HTTPS. */
  secureCookies?: boolean;
}

type HeaderSource = Pick<Headers, 'get'>;

/**
 * The client's address for the login throttle, or null when nothing trustworthy names it. Behind a trusted
 * proxy it is the right-most X-Forwarded-For hop (the one our proxy appended; hops left of it are whatever
 * the client sent), else X-Real-IP. Without a trusted proxy every client could claim any address, so none
 * is believed and the per-account back-off is what protects.
 */
export function clientAddressFrom(h: HeaderSource, settings: TrustSettings): string | null {
  if (!settings.trustProxy) return null;
  const hops =
    h
      .get('x-forwarded-for')
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean) ?? [];
  const address = hops[hops.length - 1] || h.get('x-real-ip')?.trim() || null;
  // An address is short and plain; anything else is not an address.
  return address && /^[0-9A-Fa-f.:[\]]{2,64}$/.test(address) ? address : null;
}

/**
 * Whether the browser reached us over HTTPS. `next start` serves plain HTTP, so only a trusted proxy can
 * say so (Next builds a request's URL from X-Forwarded-Proto too, so the URL proves nothing either).
 */
export function cameOverHttps(h: HeaderSource, settings: TrustSettings): boolean {
  if (!settings.trustProxy) return false;
  return h.get('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase() === 'https';
}

/** Whether cookies set in answer to this request carry Secure. */
export function secureCookieFor(h: HeaderSource, settings: TrustSettings): boolean {
  return settings.secureCookies ?? cameOverHttps(h, settings);
}
