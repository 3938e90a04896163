import { shanghaiMonth } from '@/domain/time/shanghai';
import { addMonths, monthStart } from '@/domain/time/months';
import { say, domainName } from '@/domain/alerts/say';
import type { AlertRuleSet } from '@/domain/alerts/rule-set';
import type { AlertFacts, AlertRules, CandidateAlert } from '@/domain/alerts/types';

/**
 * The first instant whose incidents and hazards domain.surge counts at `asOf`: it judges this month and
 * the last, each against the `months` months before it. The facts loader reads events from here on.
 */
export function surgeEventsFrom(asOf: Date, rules: AlertRuleSet): Date {
  return monthStart(addMonths(shanghaiMonth(asOf), -1 - rules['domain.surge'].months));
}

/** The local date range of a month, first and last day, for a list's from/to filter. */
function monthDays(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

/**
 * domain.surge: a domain's incidents + hazards in a calendar month (Asia/Shanghai) exceed `factor` × the mean
 * of the `months` months before and are at least `minimum`. Evaluated for the month of the as-of instant
 * (counted up to it) and the month before (complete), so a month that ended while the server was down is
 * still judged. Period: domain + month.
 */
export function domainSurge(facts: AlertFacts, rules: AlertRules, asOf: Date): CandidateAlert[] {
  const rule = rules.alerts['domain.surge'];
  if (!rule.enabled) return [];
  const current = shanghaiMonth(asOf);
  const counts = new Map<string, Map<string, number>>();
  for (const e of facts.events) {
    if (e.at.getTime() >= asOf.getTime()) continue;
    const month = shanghaiMonth(e.at);
    const byMonth = counts.get(e.domain) ?? new Map<string, number>();
    byMonth.set(month, (byMonth.get(month) ?? 0) + 1);
    counts.set(e.domain, byMonth);
  }
  const out: CandidateAlert[] = [];
  for (const month of [addMonths(current, -1), current]) {
    for (const [domain, byMonth] of [...counts].sort(([a], [b]) => a.localeCompare(b))) {
      const n = byMonth.get(month) ?? 0;
      let baseline = 0;
      for (let k = 1; k <= rule.months; k++) baseline += byMonth.get(addMonths(month, -k)) ?? 0;
      const mean = baseline / rule.months;
      // n > factor × mean, compared without dividing: n × months > factor × baseline.
      if (n < rule.minimum || !(n * rule.months > rule.factor * baseline)) continue;
      const days = monthDays(month);
      out.push({
        rule: 'domain.surge',
        subjectKind: 'domain',
        subjectKey: domain,
        period: month,
        colour: rule.colour,
        unitId: null,
        domain,
        ...say('domainSurge', {
          domain: domainName(facts, domain),
          month,
          count: n,
          mean: Math.round(mean * 10) / 10,
          months: rule.months,
          factor: rule.factor,
        }),
        details: {
          links: [
            { kind: 'list', recordKind: 'incidents', domain, ...days },
            { kind: 'list', recordKind: 'hazards', domain, ...days },
          ],
          count: n,
          mean,
          monthStart: monthStart(month).toISOString(),
        },
      });
    }
  }
  return out;
}
