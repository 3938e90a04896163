import { createHmac, timingSafeEqual } from 'node:crypto';

// The webhook's signature: HMAC-SHA256 of the exact request body with the shared secret, sent as
// `X-Fenghuo-Signature: sha256=<hex>`. The body carries `sentAt`, so the timestamp is signed too.

export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/** For receivers (and tests): constant-time check of a signature header against the body. */
export function verifySignature(body: string, header: string | null | undefined, secret: string): boolean {
  if (!header) return false;
  const expected = Buffer.from(signBody(body, secret));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
