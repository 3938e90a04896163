import { describe, expect, it } from 'vitest';
import { DEFAULT_ALERT_RULES } from '@/domain/alerts/default-rule-set';
import { CAS_2019_V1 } from '@/domain/rating/default-rule-set';
import { formValues, leafValue, NONE, setAt, valueAt } from '@/domain/rule-sets/form-kit';
import { isVersionName, parseRuleSetBody, ruleSetKindDefs } from '@/domain/rule-sets/kinds';

describe('the two kinds of rule set', () => {
  it('lock a rating version once it is active or used, an alert version only while active', () => {
    const { rating, alerts } = ruleSetKindDefs;
    expect(rating.locked({ active: false, usedBy: 0 })).toBe(false);
    expect(rating.locked({ active: false, usedBy: 1 })).toBe(true);
    expect(rating.locked({ active: true, usedBy: 0 })).toBe(true);
    expect(alerts.locked({ active: false, usedBy: 5 })).toBe(false);
    expect(alerts.locked({ active: true, usedBy: 0 })).toBe(true);
  });

  it('read a stored body through the kind’s schema, and ship their defaults', () => {
    expect(parseRuleSetBody('rating', CAS_2019_V1)).toEqual(CAS_2019_V1);
    expect(parseRuleSetBody('alerts', DEFAULT_ALERT_RULES)).toEqual(DEFAULT_ALERT_RULES);
    expect(() => parseRuleSetBody('alerts', CAS_2019_V1)).toThrow();
    expect(ruleSetKindDefs.alerts.auditEntity).toBe('alert_rule_set');
  });

  it('name versions with letters, digits and . _ -, starting with a letter or digit, at most 64 characters', () => {
    for (const ok of ['v2', 'cas-2019-v1', 'A.b_c-1', 'x'.repeat(64)]) expect(isVersionName(ok), ok).toBe(true);
    for (const bad of ['', 'hx v2', '-v2', '.v', 'x'.repeat(65), '版本']) expect(isVersionName(bad), bad).toBe(false);
  });
});

describe('the form kit', () => {
  it('turns an input’s text into the leaf it edits', () => {
    const whole = /^-?\d+$/;
    expect(leafValue('boolean', 'on', whole)).toBe(true);
    expect(leafValue('boolean', undefined, whole)).toBe(false);
    expect(leafValue('number', ' 12 ', whole)).toBe(12);
    expect(leafValue('number', '1.5', whole)).toBe('1.5');
    expect(leafValue('number', '', whole)).toBeUndefined();
    expect(leafValue('levelOrNone', NONE, whole)).toBeNull();
    expect(leafValue('level', 'red', whole)).toBe('red');
  });

  it('writes and reads nested leaves, and a null as "none"', () => {
    const body: Record<string, unknown> = {};
    setAt(body, ['floors', 'incident.tier1'], null);
    setAt(body, ['floors', 'incident.tier2'], 'red');
    expect(valueAt(body, ['floors', 'incident.tier2'])).toBe('red');
    expect(formValues({ version: 'v', ...body }, [{ name: 'floors.incident.tier1', keys: ['floors', 'incident.tier1'] }])).toEqual({
      version: 'v',
      'floors.incident.tier1': NONE,
    });
  });
});
