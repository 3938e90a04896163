import { expect, it } from 'vitest';
import { safeNext } from '@/lib/auth/safe-next';

it.each([
  ['/records/incidents?page=2', '/records/incidents?page=2'],
  ['/units#top', '/units#top'],
  [undefined, '/'],
  ['', '/'],
  ['//evil.example/x', '/'],
  ['/\\evil.example', '/'],
  ['/\t/evil.example', '/'],
  ['/\n/evil.example', '/'],
  ['https://evil.example/', '/'],
  ['javascript:alert(1)', '/'],
])('after login, %j leads to %j', (next, expected) => {
  expect(safeNext(next)).toBe(expected);
});
