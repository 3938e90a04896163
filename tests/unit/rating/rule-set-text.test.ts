import { describe, expect, it } from 'vitest';
import { CAS_2019_V1 } from '@/domain/rating/default-rule-set';
import { ratingRuleSetSchema } from '@/domain/rating/rule-set';
import { fieldLabel, ruleSetBodyFromForm, ruleSetFields, ruleSetFormValues, ruleSetText } from '@/domain/rule-sets/rating-texts';

describe('the rule set in plain language', () => {
  it('says the default numbers in Chinese and English', () => {
    const zh = ruleSetText(CAS_2019_V1, 'zh-CN').flatMap((s) => s.lines);
    expect(zh).toContain('Ⅲ级（较大）事件每起 20 分，底线 橙');
    expect(zh).toContain('Ⅳ级（一般）事件每起 5 分');
    expect(zh).toContain('按分数：蓝 0–9 分，黄 10–24 分，橙 25–49 分，红 ≥ 50 分');
    expect(zh).toContain('上一年有伦理委员会的单位须在 4 月 1 日前提交上一年度伦理工作报告，否则 2 分');
    const en = ruleSetText(CAS_2019_V1, 'en').flatMap((s) => s.lines);
    expect(en).toContain('Each tier III (relatively large) incident: 20 points; floor orange');
    expect(en).toContain('A major hazard still not rectified more than 90 days after its due date: floor orange');
    expect(en.some((l) => l.includes('before 1 April'))).toBe(true);
  });

  it('follows the version it shows, and leaves out a floor set to none', () => {
    const edited = ratingRuleSetSchema.parse({
      ...CAS_2019_V1,
      version: 'x',
      incidents: { ...CAS_2019_V1.incidents, tierPoints: { ...CAS_2019_V1.incidents.tierPoints, III: 30 } },
      floors: { ...CAS_2019_V1.floors, 'incident.tier3': null },
    });
    expect(ruleSetText(edited, 'zh-CN').flatMap((s) => s.lines)).toContain('Ⅲ级（较大）事件每起 30 分');
  });
});

describe('the edit form', () => {
  it('has a labelled input for every number and floor, in both languages', () => {
    expect(ruleSetFields).toHaveLength(43);
    for (const f of ruleSetFields) {
      for (const locale of ['zh-CN', 'en'] as const) expect(fieldLabel(f.path, locale), f.path).not.toMatch(/^ruleFields\./);
    }
  });

  it('turns its values back into the same rule set', () => {
    expect(ratingRuleSetSchema.parse(ruleSetBodyFromForm(ruleSetFormValues(CAS_2019_V1)))).toEqual(CAS_2019_V1);
  });
});
