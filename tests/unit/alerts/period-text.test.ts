import { describe, expect, it } from 'vitest';
import { alertPeriodText } from '@/domain/alerts/period-text';
import type { Locale } from '@/domain/i18n/locales';
import { translate } from '@/domain/i18n/translate';

// Issue 14, item 19: the alert page showed its period as the stored key ("tier-II", "2026:red", an ISO
// instant). Each rule's period is said in words, in both languages.
const say = (locale: Locale) => (rule: string, period: string) =>
  alertPeriodText(rule, period, (key, params) => translate(locale, key, params));

describe('alertPeriodText', () => {
  const en = say('en');
  const zh = say('zh-CN');

  it('says every rule’s period in words', () => {
    expect(en('incident.serious', 'tier-II')).toBe(`Incident tier: ${translate('en', 'tiers.2')}`);
    expect(zh('incident.serious', 'tier-I')).toBe(`事件等级：${translate('zh-CN', 'tiers.1')}`);
    expect(en('rating.rise', '2026:red')).toBe('2026, reached Red');
    expect(zh('rating.near', '2026:orange')).toBe(`2026 年度，接近：${translate('zh-CN', 'levels.orange')}`);
    expect(zh('domain.surge', '2026-03')).toBe('2026 年 3 月');
    expect(en('hazard.overdue', '2024-03-24T08:58:36.317Z')).toBe('Due 2024-03-24');
    expect(en('hazard.overdue', '2026-11-30:overdue-hazards')).toBe('Overdue hazards as of 2026-11-30');
    expect(zh('ethics.deadline', '2026-12-31T16:00:00.000Z:soon')).toBe('2027-01-01 到期（即将到期）');
    expect(en('ethics.deadline', '2026-06-30T16:00:00.000Z:overdue')).toBe('Due 2026-07-01 (overdue)');
    expect(en('review.stale', '2026-10-01T02:00:00.000Z')).toBe('Submitted 2026-10-01');
  });

  it('never leaves a stored key in what it says, and keeps an unknown period as it is', () => {
    for (const [rule, period] of [
      ['incident.serious', 'tier-IV'],
      ['rating.rise', '2025:yellow'],
      ['hazard.overdue', '2025-01-01T00:00:00.000Z'],
    ] as const)
      expect(en(rule, period)).not.toMatch(/tier-|:\w+$|T\d\d:/);
    expect(en('future.rule', 'something-else')).toBe('something-else');
  });
});
