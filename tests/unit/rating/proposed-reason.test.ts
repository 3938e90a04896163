import { describe, expect, it } from 'vitest';
import { proposedReason, warningReasonText } from '@/domain/rating/proposed-reason';
import { translate } from '@/domain/i18n/translate';

// Issue 14, item 19: a warning-list entry proposed by a published red rating kept its Chinese reason in
// English. It is stored in Chinese and said in the reader's language.
const t = (locale: 'en' | 'zh-CN') => (key: 'proposedReason', params: { year: number }) => translate(locale, `warningList.${key}`, params);

describe('warning-list reasons', () => {
  it('says a rating’s proposed reason in the reader’s language, stored in Chinese', () => {
    const entry = { reason: proposedReason(2025), ratingYear: 2025 };
    expect(entry.reason).toBe('2025 年度评估等级为红色');
    expect(warningReasonText(entry, t('en'))).toBe('Rated red in the 2025 annual rating');
    expect(warningReasonText(entry, t('zh-CN'))).toBe('2025 年度评估等级为红色');
  });

  it('shows a reason a person typed as typed', () => {
    expect(warningReasonText({ reason: '多次迟报', ratingYear: null }, t('en'))).toBe('多次迟报');
    expect(warningReasonText({ reason: 'Edited by the office', ratingYear: 2025 }, t('en'))).toBe('Edited by the office');
  });
});
