import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { translate } from '@/domain/i18n/translate';

it('every import.* message key the import code uses exists in both languages', () => {
  const dir = path.resolve(__dirname, '../../../platform/spreadsheets/read');
  const source = readdirSync(dir)
    .filter((name) => name.endsWith('.ts'))
    .map((name) => readFileSync(path.join(dir, name), 'utf8'))
    .join('\n');
  const keys = new Set([...source.matchAll(/'(import\.[A-Za-z.]+)'/g)].map((m) => m[1]!));
  expect(keys.size).toBeGreaterThan(10);
  for (const key of keys) {
    for (const locale of ['zh-CN', 'en'] as const) expect(translate(locale, key), `${locale} ${key}`).not.toBe(key);
  }
});
