import { describe, expect, it } from 'vitest';
import { NON_PAGE_CSP, newNonce, pageCsp, securityHeaders } from '@/server/security/headers';
import { cameOverHttps, clientAddressFrom, secureCookieFor } from '@/server/security/request-trust';
import { isSameOrigin } from '@/server/api/same-origin';

const h = (values: Record<string, string>) => new Headers(values);

describe('security headers', () => {
  it('a page may run only scripts carrying its nonce, and may not be framed', () => {
    const nonce = newNonce();
    const csp = pageCsp(nonce);
    expect(csp).toContain(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(newNonce()).not.toBe(nonce);
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });

  it('every answer carries nosniff, a referrer policy, a permissions policy; HSTS only over HTTPS', () => {
    const plain = securityHeaders({ https: false });
    expect(plain).toMatchObject({
      'Content-Security-Policy': NON_PAGE_CSP,
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'DENY',
      'Referrer-Policy': 'same-origin',
    });
    expect(plain['Permissions-Policy']).toContain('camera=()');
    expect(plain).not.toHaveProperty('Strict-Transport-Security');
    expect(securityHeaders({ https: true, nonce: 'abc' })['Strict-Transport-Security']).toMatch(/^max-age=31536000/);
  });
});

describe('what a request says about itself', () => {
  const forwarded = h({ 'x-forwarded-for': '6.6.6.6, 10.0.0.7', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'evil.example' });

  it('forwarded headers are ignored unless the proxy is trusted', () => {
    expect(clientAddressFrom(forwarded, { trustProxy: false })).toBeNull();
    expect(cameOverHttps(forwarded, { trustProxy: false })).toBe(false);
    expect(secureCookieFor(forwarded, { trustProxy: false })).toBe(false);
  });

  it('behind a trusted proxy the right-most hop is the address and its protocol decides Secure', () => {
    expect(clientAddressFrom(forwarded, { trustProxy: true })).toBe('10.0.0.7');
    expect(clientAddressFrom(h({ 'x-forwarded-for': 'not an address' }), { trustProxy: true })).toBeNull();
    expect(cameOverHttps(forwarded, { trustProxy: true })).toBe(true);
    expect(cameOverHttps(new Headers(), { trustProxy: true })).toBe(false);
    expect(secureCookieFor(forwarded, { trustProxy: true })).toBe(true);
  });

  it('FENGHUO_SECURE_COOKIES forces Secure either way', () => {
    expect(secureCookieFor(h({}), { trustProxy: false, secureCookies: true })).toBe(true);
    expect(secureCookieFor(forwarded, { trustProxy: true, secureCookies: false })).toBe(false);
  });

  it('a cookie-authenticated POST from another site is refused; a forwarded host counts only behind a trusted proxy', () => {
    const post = (headers: Record<string, string>) => new Request('http://app.local/intake/import/upload', { method: 'POST', headers });
    expect(isSameOrigin(post({ host: 'app.local', origin: 'http://app.local' }), false)).toBe(true);
    expect(isSameOrigin(post({ host: 'app.local', origin: 'https://evil.example' }), false)).toBe(false);
    expect(isSameOrigin(post({ host: 'app.local', origin: 'http://app.local', 'sec-fetch-site': 'cross-site' }), false)).toBe(false);
    const spoofed = { host: 'app.local', origin: 'https://evil.example', 'x-forwarded-host': 'evil.example' };
    expect(isSameOrigin(post(spoofed), false)).toBe(false);
    expect(isSameOrigin(post(spoofed), true)).toBe(true);
  });
});
