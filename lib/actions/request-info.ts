import { headers } from 'next/headers';

/** The client's address as the nearest proxy reports it; the login throttle counts failures by it. */
export async function clientAddress(): Promise<string> {
  const h = await headers();
  const forwarded = h.get('x-forwarded-for')?.split(',')[0]?.trim();
  return forwarded || h.get('x-real-ip') || 'local';
}

export async function isHttps(): Promise<boolean> {
  return (await headers()).get('x-forwarded-proto') === 'https';
}
