// The reason a published red rating gives the warning-list entry it proposes (RATING.md §6). It is stored in
// Chinese, the language of the academy's own records, so the stored row reads the same to every later
// reader (audit, exports); pages say it in the reader's language by recognising it here.

/** The stored reason of the entry proposed by year Y's published red rating. */
export const proposedReason = (year: number) => `${year} 年度评估等级为红色`;

/**
 * An entry's reason in the reader's language: the generated reason of a rating's proposal is translated
 * (`warningList.proposedReason`), a reason a person typed is shown as typed.
 */
export function warningReasonText(
  entry: { reason: string; ratingYear: number | null },
  t: (key: 'proposedReason', params: { year: number }) => string,
): string {
  return entry.ratingYear !== null && entry.reason === proposedReason(entry.ratingYear)
    ? t('proposedReason', { year: entry.ratingYear })
    : entry.reason;
}
