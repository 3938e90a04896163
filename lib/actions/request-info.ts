import { headers } from 'next/headers';

/**
 * The client's address as the nearest proxy reports it; the login throttle counts failures by it. The
 * right-most X-Forwarded-For hop is the one our own proxy appended; the ones left of it are whatever the
 * client sent. Without a proxy there is no trustworthy address, and the per-login limit is what protects.
 */
export async function clientAddress(): Promise<string> {
  const h = await headers();
  const hops =
    h
      .get('x-forwarded-for')
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean) ?? [];
  return hops[hops.length - 1] || h.get('x-real-ip') || 'local';
}

export async function isHttps(): Promise<boolean> {
  return (await headers()).get('x-forwarded-proto') === 'https';
}
