import { createHash, createHmac, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe; the API token carries a readable prefix so leaked tokens can be recognised. */
export function newSecretToken(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

// API tokens are high-entropy random strings, so a plain SHA-256 is enough to store them safely.
export function hashApiToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

// Session ids are keyed with the installation's secret: the stored value cannot be replayed as a cookie.
export function hashSessionToken(token: string, secret: string): string {
  return createHmac('sha256', secret).update(token).digest('hex');
}
