import { expect, it } from 'vitest';
import { safeNext } from '@/domain/auth/safe-next';

it.each([
  ['/records/incidents?page=2', '/records/incidents?page=2'],
  ['/units#top', '/units#top'],
  ['/records/incidents?q=%E7%81%AB', '/records/incidents?q=%E7%81%AB'],
  ['/units/BJ01', '/units/BJ01'],
  ['/records/incidents?q=a%20b%5C', '/records/incidents?q=a%20b%5C'],
  [undefined, '/'],
  ['', '/'],
])('after login, %j leads to %j', (next, expected) => {
  expect(safeNext(next)).toBe(expected);
});

// Each of these, handed to a browser as a Location, would leave this origin (or run script): issue 13.
const hostile = [
  '//evil.example/x',
  '///evil.example/x',
  '////evil.example/x',
  '/\\evil.example',
  '\\/evil.example',
  '\\\\evil.example',
  '/\\/evil.example',
  '/\t/evil.example',
  '/\n/evil.example',
  '/\r\n/evil.example',
  '\t//evil.example',
  ' //evil.example',
  '/.//127.0.0.1:3962/pwned',
  '/..//127.0.0.1:3962/pwned',
  '/%2e//127.0.0.1:3962/pwned',
  '/%2E%2E//127.0.0.1:3962/pwned',
  '/.%2f/127.0.0.1:3962/pwned',
  '/./\\127.0.0.1:3962/pwned',
  '/%2f%2fevil.example',
  '%2f%2fevil.example',
  '/%5cevil.example',
  '/%5c%5cevil.example',
  '%5c%5cevil.example',
  '/%09/evil.example',
  '/%0a/evil.example',
  '/%252f%252fevil.example',
  '/a/../..//evil.example',
  'https://evil.example/',
  'http:evil.example',
  'HTTPS://evil.example',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  'java\nscript:alert(1)',
  'data:text/html,hi',
  '//',
  '///',
  '\\/',
  'evil.example',
  '/%',
  '/x?\t',
];

it.each(hostile)('after login, the hostile %j leads home', (next) => {
  expect(safeNext(next)).toBe('/');
});
