import { levels } from '@/domain/reference/level-codes';
import type { BulletinInstitute } from '@/domain/bulletins/types';
import { levelChange } from '@/domain/bulletins/view';

// Leadership reads the bulletin from the top and stops early: the institutes that need attention come
// first (rose this month or red, a serious incident, an overdue major hazard), the most severe first; the
// rest follow by code. One rule for the page and the PDF.

const seriousIncidents = (r: BulletinInstitute) => r.incidentsByTier[0] + r.incidentsByTier[1] + r.incidentsByTier[2];

export function needsAttention(r: BulletinInstitute): boolean {
  return levelChange(r) === 'rose' || r.levelEnd === 'red' || seriousIncidents(r) > 0 || r.overdueAtEnd.major > 0;
}

export function attentionFirst(rows: readonly BulletinInstitute[]): BulletinInstitute[] {
  const rank = (r: BulletinInstitute) => (r.levelEnd ? levels.indexOf(r.levelEnd) : -1);
  const attention = rows
    .filter(needsAttention)
    .sort(
      (a, b) =>
        rank(b) - rank(a) ||
        Number(levelChange(b) === 'rose') - Number(levelChange(a) === 'rose') ||
        seriousIncidents(b) - seriousIncidents(a) ||
        b.overdueAtEnd.major - a.overdueAtEnd.major ||
        a.code.localeCompare(b.code),
    );
  const rest = rows.filter((r) => !needsAttention(r)).sort((a, b) => a.code.localeCompare(b.code));
  return [...attention, ...rest];
}
