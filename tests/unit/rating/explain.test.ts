import { describe, expect, it } from 'vitest';
import { CAS_2019_V1 } from '@/domain/rating/default-rule-set';
import { evaluate } from '@/domain/rating/evaluate';
import { explainContribution, explainStored, explainStoredContribution, effectText } from '@/domain/rating/explain';
import { ratingRuleIds } from '@/domain/rating/rule-ids';
import type { Locale } from '@/domain/i18n/locales';
import { END_2025, at, assessment, committee, activity, hazard, incident, project, records } from './builders';

// One record per rule, with instants given in UTC where the local (Asia/Shanghai) date differs from the
// UTC date, so a sentence that printed UTC dates would fail.
const inputs = records({
  incidents: [
    // 2025-12-31 15:30 UTC is 23:30 on the last day of 2025 in Shanghai: still in the rated year.
    incident({ externalId: 'INC-T1', tier: 1, occurredAt: at('2025-12-31T15:30:00Z') }),
    // 2025-03-03 17:30 UTC is 2025-03-04 01:30 in Shanghai.
    incident({ externalId: 'INC-2025-0042', tier: 3, occurredAt: at('2025-03-03T17:30:00Z') }),
    incident({
      externalId: 'INC-RAISED',
      tier: 4,
      deaths: 12,
      occurredAt: at('2025-06-01T08:00:00+08:00'),
      reportedAt: at('2025-06-01T09:00:00+08:00'),
    }),
    incident({
      externalId: 'INC-LATE',
      tier: 3,
      occurredAt: at('2025-03-04T09:00:00+08:00'),
      discoveredAt: at('2025-03-04T10:00:00+08:00'),
      reportedAt: at('2025-03-05T02:00:01Z'),
    }),
    incident({ externalId: 'INC-HIDDEN', tier: 4, concealed: true, occurredAt: at('2025-07-31T16:10:00Z') }),
  ],
  hazards: [
    hazard({ externalId: 'HZ-GEN', foundAt: at('2025-04-30T16:00:00Z'), dueAt: at('2025-05-30T16:00:00Z') }),
    hazard({
      externalId: 'HZ-MAJ',
      severity: 'major',
      foundAt: at('2025-01-10T09:00:00+08:00'),
      dueAt: at('2025-02-10T00:00:00+08:00'),
      rectifiedAt: null,
    }),
    hazard({
      externalId: 'HZ-OLD',
      foundAt: at('2024-11-01T09:00:00+08:00'),
      dueAt: at('2025-01-15T00:00:00+08:00'),
      rectifiedAt: at('2025-01-27T10:00:00+08:00'),
    }),
  ],
  projects: [
    project({
      id: 9001,
      externalId: 'PRJ-1',
      startedAt: at('2025-05-01T09:00:00+08:00'),
      requiresPermit: true,
      permitAt: at('2025-05-09T16:00:00Z'),
      requiresFiling: true,
    }),
    project({ id: 9002, externalId: 'PRJ-2', startedAt: at('2025-08-31T16:30:00Z') }),
  ],
  assessments: [assessment({ projectId: 9002, decidedAt: at('2025-09-03T10:00:00+08:00') })],
  ethicsCommittees: [
    committee({ externalId: 'EC-OLD', establishedAt: at('2023-05-01T00:00:00+08:00'), registeredAt: at('2023-05-10T00:00:00+08:00') }),
    committee({ externalId: 'EC-NEW', establishedAt: at('2025-03-01T00:00:00+08:00'), registeredAt: at('2025-04-02T09:30:00+08:00') }),
  ],
  ethicsActivities: [activity({ externalId: 'EA-1', approvedAt: at('2025-05-31T16:00:00Z'), registeredAt: null })],
});

const rating = evaluate(inputs, CAS_2019_V1, 2025, END_2025);
const say = (locale: Locale) =>
  rating.contributions.map((c) => explainContribution(c, { locale, ruleSet: CAS_2019_V1, asOf: rating.asOf }));

describe('explaining a rating line by line', () => {
  it('has a contribution for every rule of RATING.md in the fixture', () => {
    expect(new Set(rating.contributions.map((c) => c.rule))).toEqual(new Set(ratingRuleIds));
  });

  it('says every line in Chinese, with Shanghai dates', () => {
    expect(say('zh-CN')).toEqual([
      '事件 INC-T1（特别重大，2025-12-31）：+100，底线 红',
      '事件 INC-RAISED（重大，2025-06-01；上报为一般，死亡 12 人 ≥ 10，提升为重大）：+50，底线 红',
      '事件 INC-2025-0042（较大，2025-03-04）：+20，底线 橙',
      '事件 INC-LATE（较大，2025-03-04）：+20，底线 橙',
      '事件 INC-HIDDEN（一般，2025-08-01）：+5',
      '事件 INC-LATE（较大，2025-03-04）迟报：发现于 2025-03-04 10:00，报告于 2025-03-05 10:00:01，报告时间超过时限 24 小时：+5',
      '事件 INC-HIDDEN（一般，2025-08-01）瞒报：+20，底线 橙',
      '一般隐患 HZ-GEN（发现于 2025-05-01）：+1',
      '重大隐患 HZ-MAJ（发现于 2025-01-10）：+4',
      '一般隐患 HZ-OLD 整改逾期 12 天（限期 2025-01-15，2025-01-27 整改）：+2',
      '重大隐患 HZ-MAJ 整改逾期 325 天（限期 2025-02-10，评估时仍未整改）：+6',
      '重大隐患 HZ-MAJ 逾期超过 90 天仍未整改（限期 2025-02-10，已逾期 325 天）：底线 橙',
      '项目 PRJ-1 于 2025-05-01 开工，开工时没有已通过的安全风险评估：+5，底线 黄',
      '项目 PRJ-2 于 2025-09-01 开工，开工时没有已通过的安全风险评估（评估 2025-09-03 才通过）：+5，底线 黄',
      '项目 PRJ-1 于 2025-05-01 开工，开工时未取得许可（许可日期 2025-05-10）：+5，底线 黄',
      '项目 PRJ-1 于 2025-05-01 开工，开工时未备案：+3',
      '伦理委员会 EC-NEW 设立于 2025-03-01，应于 2025-03-31 00:00 前登记，实际登记于 2025-04-02 09:30：+2',
      '清单管理活动 EA-1 于 2025-06-01 通过伦理审查，应于 2025-07-01 00:00 前登记，未登记：+2',
      '2024 年度伦理工作报告应于 2025-04-01 前提交，未提交（伦理委员会 EC-OLD）：+2',
    ]);
  });

  it('says every line in English, with Shanghai dates', () => {
    expect(say('en')).toEqual([
      'Incident INC-T1 (especially major, 2025-12-31): +100, floor red',
      'Incident INC-RAISED (major, 2025-06-01; reported as general, raised by 12 deaths ≥ 10): +50, floor red',
      'Incident INC-2025-0042 (relatively large, 2025-03-04): +20, floor orange',
      'Incident INC-LATE (relatively large, 2025-03-04): +20, floor orange',
      'Incident INC-HIDDEN (general, 2025-08-01): +5',
      'Incident INC-LATE (relatively large, 2025-03-04) reported late: discovered 2025-03-04 10:00, reported 2025-03-05 10:00:01, beyond the 24-hour deadline: +5',
      'Incident INC-HIDDEN (general, 2025-08-01) was concealed: +20, floor orange',
      'General hazard HZ-GEN (found 2025-05-01): +1',
      'Major hazard HZ-MAJ (found 2025-01-10): +4',
      'General hazard HZ-OLD overdue for rectification by 12 days (due 2025-01-15, rectified 2025-01-27): +2',
      'Major hazard HZ-MAJ overdue for rectification by 325 days (due 2025-02-10, still open when rated): +6',
      'Major hazard HZ-MAJ still not rectified more than 90 days after its due date (due 2025-02-10, 325 days overdue): floor orange',
      'Project PRJ-1 started 2025-05-01 without an approved risk assessment: +5, floor yellow',
      'Project PRJ-2 started 2025-09-01 without an approved risk assessment (approved only on 2025-09-03): +5, floor yellow',
      'Project PRJ-1 started 2025-05-01 without the required permit (permit dated 2025-05-10): +5, floor yellow',
      'Project PRJ-1 started 2025-05-01 without the required filing: +3',
      'Ethics committee EC-NEW, set up 2025-03-01, had to register by 2025-03-31 00:00; registered 2025-04-02 09:30: +2',
      'List-managed activity EA-1, ethics-approved 2025-06-01, had to register by 2025-07-01 00:00; not registered: +2',
      'The ethics annual report for 2024 was due before 2025-04-01; not submitted (ethics committee EC-OLD): +2',
    ]);
  });

  it('quotes the long-overdue limit of the rule set it was rated with', () => {
    const ruleSet = { ...CAS_2019_V1, hazards: { ...CAS_2019_V1.hazards, majorOverdueFloorDays: 60 } };
    const line = rating.contributions.find((c) => c.rule === 'hazard.major_overdue_90d')!;
    expect(explainContribution(line, { locale: 'en', ruleSet, asOf: rating.asOf })).toContain('more than 60 days');
  });

  it('says a hazard rectified after the rating instant was still open when rated', () => {
    const late = evaluate(
      records({
        hazards: [hazard({ externalId: 'HZ-X', dueAt: at('2025-12-30T00:00:00+08:00'), rectifiedAt: at('2026-02-01T00:00:00+08:00') })],
      }),
      CAS_2019_V1,
      2025,
      END_2025,
    );
    const overdue = late.contributions.find((c) => c.rule === 'hazard.overdue.general')!;
    expect(explainContribution(overdue, { locale: 'zh-CN', ruleSet: CAS_2019_V1, asOf: late.asOf })).toBe(
      '一般隐患 HZ-X 整改逾期 2 天（限期 2025-12-30，评估时仍未整改）：+2',
    );
  });

  it('says an overdue span under a day, and one day, in words', () => {
    const short = (rectifiedAt: string) =>
      evaluate(
        records({ hazards: [hazard({ externalId: 'HZ-S', dueAt: at('2025-06-01T00:00:00+08:00'), rectifiedAt: at(rectifiedAt) })] }),
        CAS_2019_V1,
        2025,
        END_2025,
      ).contributions.find((c) => c.rule === 'hazard.overdue.general')!;
    const opts = { locale: 'en' as const, ruleSet: CAS_2019_V1, asOf: END_2025 };
    expect(explainContribution(short('2025-06-01T05:00:00+08:00'), opts)).toContain('by less than a day');
    expect(explainContribution(short('2025-06-02T05:00:00+08:00'), opts)).toContain('by 1 day (');
  });
});

describe('frozen lines and effects', () => {
  it('falls back to the rule in words when the record no longer gives the line', () => {
    const stored = {
      rule: 'incident.tier3',
      recordKind: 'incidents',
      recordId: 7,
      recordExternalId: 'INC-9',
      points: 20,
      floor: 'orange' as const,
    };
    expect(explainStoredContribution(stored, 'zh-CN')).toBe('事件 INC-9：Ⅲ级（较大）事件，+20，底线 橙');
    expect(explainStoredContribution(stored, 'en')).toBe('Incident INC-9: tier III (relatively large) incident, +20, floor orange');
    const [line] = explainStored([stored], [], { locale: 'en', ruleSet: CAS_2019_V1, asOf: END_2025 });
    expect(line).toMatchObject({ detailed: false, href: '/records/incidents/7', points: 20 });
  });

  it('takes the detail from a recomputation but the points from the stored line', () => {
    const c = rating.contributions.find((x) => x.externalId === 'INC-2025-0042')!;
    const stored = { rule: c.rule, recordKind: c.kind, recordId: c.recordId, recordExternalId: c.externalId, points: 15, floor: null };
    const [line] = explainStored([stored], rating.contributions, { locale: 'en', ruleSet: CAS_2019_V1, asOf: END_2025 });
    expect(line).toMatchObject({
      detailed: true,
      text: 'Incident INC-2025-0042 (relatively large, 2025-03-04): +15',
      href: `/records/incidents/${c.recordId}`,
    });
  });

  it('writes effects with thousands separators and floors in words', () => {
    expect(effectText(1200, null, 'en')).toBe('+1,200');
    expect(effectText(0, 'red', 'zh-CN')).toBe('底线 红');
    expect(effectText(0, null, 'zh-CN')).toBe('+0');
  });
});
