import { describe, expect, it } from 'vitest';
import { CAS_2019_V1 } from '@/domain/rating/default-rule-set';
import { evaluate } from '@/domain/rating/evaluate';
import { explainContribution } from '@/domain/rating/explain';
import { END_2025, at, incident, records } from './builders';

// Issue 14 item 4 (decision 033): history loaded without a report time. Its stored reportedAt is only the
// time it was received, years after the deadline; the rating must not invent lateness from it, and must
// say why no late line appears.
const occurred = at('2025-03-04T09:30:00+08:00');
const received = at('2026-12-02T10:00:00+08:00');
const rate = (reportTimeUnknown: boolean) =>
  evaluate(
    records({
      incidents: [
        incident({ externalId: 'HIST-1', tier: 4, occurredAt: occurred, discoveredAt: occurred, reportedAt: received, reportTimeUnknown }),
      ],
    }),
    CAS_2019_V1,
    2025,
    END_2025,
  );

describe('an incident whose report time is unknown', () => {
  it('scores its tier and no late report', () => {
    const r = rate(true);
    expect(r.contributions.map((c) => c.rule)).toEqual(['incident.tier4']);
    expect(r.points).toBe(5);
    expect(r.level).toBe('blue');
  });

  it('is late as before when the report time is known (the time received counts)', () => {
    const r = rate(false);
    expect(r.contributions.map((c) => c.rule)).toEqual(['incident.tier4', 'incident.late']);
    expect(r.points).toBe(10);
    expect(r.level).toBe('yellow');
  });

  it('is explained as "report time unknown" in both languages', () => {
    const r = rate(true);
    const say = (locale: 'zh-CN' | 'en') => explainContribution(r.contributions[0]!, { locale, ruleSet: CAS_2019_V1, asOf: r.asOf });
    expect(say('en')).toBe(
      'Incident HIST-1 (general, 2025-03-04): +5; report time unknown (history loaded without one), so not scored late',
    );
    expect(say('zh-CN')).toBe('事件 HIST-1（一般，2025-03-04）：+5；报告时间不详（历史数据无报告时间记录），不计迟报');
  });

  it('leaves the tier line of a known report time as it was', () => {
    const r = rate(false);
    expect(explainContribution(r.contributions[0]!, { locale: 'en', ruleSet: CAS_2019_V1, asOf: r.asOf })).toBe(
      'Incident HIST-1 (general, 2025-03-04): +5',
    );
  });
});
