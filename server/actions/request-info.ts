import { headers } from 'next/headers';
import { env } from '@/server/env';
import { clientAddressFrom, secureCookieFor, type TrustSettings } from '@/server/security/request-trust';

function trust(): TrustSettings {
  const e = env();
  return { trustProxy: e.FENGHUO_TRUST_PROXY, secureCookies: e.FENGHUO_SECURE_COOKIES };
}

/**
 * The client's address as a trusted reverse proxy reports it (FENGHUO_TRUST_PROXY), or null: without one,
 * X-Forwarded-For is whatever the client typed, and the login throttle must not key on it.
 */
export async function clientAddress(): Promise<string | null> {
  return clientAddressFrom(await headers(), trust());
}

/** Whether cookies set now carry Secure (FENGHUO_SECURE_COOKIES, else: the request came over HTTPS). */
export async function secureCookies(): Promise<boolean> {
  return secureCookieFor(await headers(), trust());
}
