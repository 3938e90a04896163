import { expect, it } from 'vitest';
import zh from '@/domain/i18n/messages/zh-CN.json';
import en from '@/domain/i18n/messages/en.json';

function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

it('Chinese and English messages have exactly the same keys, none empty', () => {
  expect(keys(en).sort()).toEqual(keys(zh).sort());
  for (const messages of [zh, en]) {
    for (const key of keys(messages)) {
      const value = key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], messages);
      expect(String(value).trim(), key).not.toBe('');
    }
  }
});
