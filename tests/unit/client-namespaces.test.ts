import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { clientNamespaces } from '@/domain/i18n/client-namespaces';
import zh from '@/domain/i18n/messages/zh-CN.json';

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? files(full) : /\.tsx?$/.test(e.name) ? [full] : [];
  });
}

// Only the listed namespaces reach the browser, so a client component reading another would show keys
// instead of words. Every namespace a client file names, through useTranslations('ns') or t('ns.…') on the
// root translator, must be listed (and exist).
it('every namespace client components read is sent to the browser', () => {
  const used = new Set<string>();
  for (const file of ['app', 'components', 'domain', 'features', 'platform', 'server'].flatMap((d) => files(path.resolve(d)))) {
    const text = fs.readFileSync(file, 'utf8');
    if (!/^['"]use client['"]/m.test(text)) continue;
    for (const m of text.matchAll(/useTranslations\(['"]([A-Za-z]+)/g)) used.add(m[1]!);
    if (/useTranslations\(\)/.test(text)) for (const m of text.matchAll(/\bt\(['"`]([A-Za-z]+)\./g)) if (m[1]! in zh) used.add(m[1]!);
  }
  expect(used.size).toBeGreaterThan(5);
  const listed = new Set<string>(clientNamespaces);
  expect([...used].filter((ns) => !listed.has(ns))).toEqual([]);
  for (const ns of clientNamespaces) expect(ns in zh, ns).toBe(true);
});
