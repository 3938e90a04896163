import { levels } from '@/domain/reference/level-codes';
import { formatDate } from '@/domain/time/shanghai';
import { OVERDUE_SUMMARY_PERIOD } from '@/domain/alerts/rules/hazard-overdue';

// An alert's period is the key that keeps it from firing twice ("tier-II", "2026:red", an ISO instant, see
// domain/alerts/rules/*). It is stored as is; the alert page says it in the reader's language instead.

export type Translate = (key: string, params?: Record<string, string | number>) => string;

const tierNumber: Record<string, number> = { I: 1, II: 2, III: 3, IV: 4 };
const isLevel = (s: string): s is (typeof levels)[number] => (levels as readonly string[]).includes(s);

/** The day of an ISO instant, Beijing time, or null when the text is not one. */
function dayOf(text: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z)?$/.test(text)) return null;
  const at = new Date(text.length === 10 ? `${text}T00:00:00+08:00` : text);
  return Number.isNaN(at.getTime()) ? null : formatDate(at);
}

/** What an alert's period means, in words (`t` translates `alerts.periods.*`, `tiers.*`, `levels.*`). */
export function alertPeriodText(rule: string, period: string, t: Translate): string {
  const tier = /^tier-(I|II|III|IV)$/.exec(period);
  if (tier) return t('alerts.periods.tier', { tier: t(`tiers.${tierNumber[tier[1]!]}`) });
  const yearLevel = /^(\d{4}):(\w+)$/.exec(period);
  if (yearLevel && isLevel(yearLevel[2]!)) {
    const key = rule === 'rating.near' ? 'alerts.periods.yearNear' : 'alerts.periods.yearLevel';
    return t(key, { year: yearLevel[1]!, level: t(`levels.${yearLevel[2]}`) });
  }
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  if (month) return t('alerts.periods.month', { year: month[1]!, month: Number(month[2]) });
  const [head = '', tail] = period.split(/:(?=[a-z-]+$)/);
  const day = dayOf(head);
  if (day && tail === OVERDUE_SUMMARY_PERIOD) return t('alerts.periods.overdueOn', { day });
  if (day && (tail === 'soon' || tail === 'overdue')) return t(`alerts.periods.ethics.${tail}`, { day });
  if (day && rule === 'review.stale') return t('alerts.periods.submitted', { day });
  if (day) return t('alerts.periods.due', { day });
  return period;
}
