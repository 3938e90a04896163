import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fieldErrors } from '@/domain/i18n/validation';
import { newUserSchema } from '@/features/auth/users';

const problems = (input: Record<string, unknown>, locale: 'zh-CN' | 'en') => {
  const r = newUserSchema.safeParse(input);
  if (r.success) throw new Error('expected a failure');
  return Object.fromEntries(fieldErrors(r.error, locale, input).map((e) => [e.field, e.message]));
};

describe('validation messages', () => {
  it('name each field in Chinese and in English', () => {
    const input = { login: 'a b', password: 'short', role: 'boss', unitCode: '' };
    expect(problems(input, 'zh-CN')).toEqual({
      login: '须为 3–64 个字母、数字或 _ . @ -。',
      password: '密码至少需要 10 个字符。',
      role: '“boss”不是以下之一：reporter, unit_manager, branch_officer, office, leader, admin。',
      unitCode: '必填。',
    });
    expect(problems(input, 'en')).toEqual({
      login: 'must be 3-64 letters, digits or _ . @ -.',
      password: 'must be at least 10 characters.',
      role: '"boss" is not one of reporter, unit_manager, branch_officer, office, leader, admin.',
      unitCode: 'is required.',
    });
  });

  it('call an empty select "required", not "one of"', () => {
    expect(problems({ login: 'abc', password: 'long-enough-pw', role: '', unitCode: 'HX' }, 'zh-CN')).toEqual({ role: '必填。' });
  });

  it('map zod’s own checks by code', () => {
    const schema = z.object({ n: z.number().max(5), items: z.array(z.string()).min(2) });
    const r = schema.safeParse({ n: 9, items: ['a'] });
    expect(r.success).toBe(false);
    expect(fieldErrors(r.error!, 'en', { n: 9, items: ['a'] })).toEqual([
      { field: 'n', message: 'must be at most 5.' },
      { field: 'items', message: 'needs at least 2 items.' },
    ]);
  });
});
