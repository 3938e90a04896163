import { NextRequest } from 'next/server';
import { expect, it } from 'vitest';
import { proxy } from '@/proxy';

// Issue 13, item 14: Next throws on a server action from a foreign Origin, which answered 500. proxy.ts sees
// every request first and refuses such a post with a plain 403 before Next's action handler runs.
const action = (headers: Record<string, string>, method = 'POST') =>
  proxy(
    new NextRequest('http://app.local/records/incidents/new', {
      method,
      headers: { host: 'app.local', 'next-action': 'ab12', ...headers },
    }),
  );

it.each([
  ['another site', { origin: 'https://evil.example' }],
  ['another port', { origin: 'http://app.local:8080' }],
  ['an opaque origin', { origin: 'null' }],
  ['a forwarded host, without a trusted proxy', { origin: 'https://evil.example', 'x-forwarded-host': 'evil.example' }],
  ['a cross-site fetch', { origin: 'http://app.local', 'sec-fetch-site': 'cross-site' }],
])('a server action from %s is refused with a plain 403', async (_, headers) => {
  const res = action(headers);
  expect(res.status).toBe(403);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
  expect(await res.text()).toMatch(/跨站.*cross-site/i);
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
});

it.each([
  ['the same origin', { origin: 'http://app.local' }, 'POST'],
  ['no Origin (not a browser)', {}, 'POST'],
  ['a GET with a foreign Origin', { origin: 'https://evil.example' }, 'GET'],
])('%s passes on to Next', (_, headers, method) => {
  expect(action(headers, method).status).toBe(200);
});
