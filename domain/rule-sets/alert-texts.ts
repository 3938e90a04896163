import type { Locale } from '@/domain/i18n/locales';
import { translate } from '@/domain/i18n/translate';
import { DEFAULT_ALERT_RULES } from '@/domain/alerts/default-rule-set';
import { alertRuleIds, alertRuleSetSchema, type AlertRuleId, type AlertRuleSet } from '@/domain/alerts/rule-set';
import { fieldNamedSchema, formValues, leafValue, NONE, type FormFieldKind, type FormFieldView } from './form-kit';

// The alert rule set as plain language and as a flat form (one input per parameter, named
// "<rule>.<parameter>", e.g. "domain.surge.factor"), validated by the rule-set schema with every problem
// named by its input, in the reader's language.

/** The message key segment of a rule: 'incident.serious' → 'incidentSerious'. */
export const ruleKey = (rule: string) => rule.replace(/\.(\w)/g, (_, c: string) => c.toUpperCase());

export type AlertFieldKind = FormFieldKind;

export interface AlertRuleField {
  name: string;
  rule: AlertRuleId;
  param: string;
  kind: AlertFieldKind;
}

export const alertRuleFields: readonly AlertRuleField[] = alertRuleIds.flatMap((rule) =>
  Object.entries(DEFAULT_ALERT_RULES[rule]).map(([param, value]) => ({
    name: `${rule}.${param}`,
    rule,
    param,
    kind: (param === 'enabled'
      ? 'boolean'
      : typeof value === 'number'
        ? 'number'
        : rule === 'incident.serious'
          ? 'levelOrNone'
          : 'level') as AlertFieldKind,
  })),
);

export { NONE };
const byName = new Map(alertRuleFields.map((f) => [f.name, f]));
const formFields = alertRuleFields.map((f) => ({ name: f.name, keys: [f.rule, f.param] }));
const decimal = /^-?\d+(\.\d+)?$/;

export function alertRuleFormValues(rules: AlertRuleSet): Record<string, string> {
  return formValues(rules, formFields);
}

/** Flat form values to a rule-set body. An unticked box is absent from a form: the rule is off. */
export function alertRuleBodyFromForm(raw: Record<string, unknown>): Record<string, unknown> {
  const body: Record<string, Record<string, unknown> | unknown> = { version: raw.version };
  for (const rule of alertRuleIds) body[rule] = {};
  for (const f of alertRuleFields) (body[f.rule] as Record<string, unknown>)[f.param] = leafValue(f.kind, raw[f.name], decimal);
  // Anything else sent stays in, so the strict schema refuses it rather than ignoring it.
  for (const [k, v] of Object.entries(raw)) if (k !== 'version' && !byName.has(k)) body[k] = v;
  return body;
}

export const alertRuleFormSchema = fieldNamedSchema(alertRuleSetSchema, alertRuleBodyFromForm, (issue, field, _body, raw) => {
  const input = raw[field];
  if (issue.code === 'invalid_type' && byName.get(field)?.kind === 'number' && input !== undefined && input !== '')
    return { code: 'custom', path: [field], message: field.endsWith('factor') ? 'validation.invalid' : 'validation.wholeNumber', input };
  return undefined;
});

/** The form's fields, grouped by rule, in the reader's language; each rule's title carries its id. */
export function alertRuleFormView(locale: Locale): { fields: FormFieldView[]; groups: { key: string; title: string; tag: string }[] } {
  return {
    fields: alertRuleFields.map((f) => ({ name: f.name, kind: f.kind, group: f.rule, label: alertFieldLabel(f, locale) })),
    groups: alertRuleIds.map((rule) => ({ key: rule, title: translate(locale, `alerts.ruleNames.${ruleKey(rule)}`), tag: rule })),
  };
}

export function alertFieldLabel(f: AlertRuleField, locale: Locale): string {
  return f.kind === 'boolean' ? translate(locale, 'alerts.enabled') : translate(locale, `alerts.fields.${f.param}`);
}

export interface AlertRuleLine {
  rule: AlertRuleId;
  name: string;
  enabled: boolean;
  text: string;
}

/** Each rule in plain language with the version's numbers (and the rating thresholds it borrows). */
export function alertRuleText(rules: AlertRuleSet, levelThresholds: { yellow: number; orange: number; red: number }, locale: Locale) {
  const level = (l: string | null) => (l ? translate(locale, `levels.${l}`) : translate(locale, 'alerts.none'));
  const near = rules['rating.near'];
  const pct = (n: number) => Math.ceil((n * near.percent) / 100);
  const params: Record<AlertRuleId, Record<string, string | number>> = {
    'incident.serious': {
      I: level(rules['incident.serious'].I),
      II: level(rules['incident.serious'].II),
      III: level(rules['incident.serious'].III),
      IV: level(rules['incident.serious'].IV),
    },
    'rating.rise': {},
    'rating.near': {
      percent: near.percent,
      blue: pct(levelThresholds.yellow),
      yellow: pct(levelThresholds.orange),
      orange: pct(levelThresholds.red),
      colour: level(near.colour),
    },
    'hazard.overdue': { major: level(rules['hazard.overdue'].major), general: level(rules['hazard.overdue'].general) },
    'domain.surge': { ...rules['domain.surge'], colour: level(rules['domain.surge'].colour), enabled: '' },
    'review.stale': { days: rules['review.stale'].days, colour: level(rules['review.stale'].colour) },
    'ethics.deadline': {
      days: rules['ethics.deadline'].days,
      soon: level(rules['ethics.deadline'].soon),
      overdue: level(rules['ethics.deadline'].overdue),
    },
  };
  return alertRuleIds.map((rule) => ({
    rule,
    name: translate(locale, `alerts.ruleNames.${ruleKey(rule)}`),
    enabled: rules[rule].enabled,
    text: `${translate(locale, `alerts.ruleHelp.${ruleKey(rule)}`)} ${translate(locale, `alerts.ruleText.${ruleKey(rule)}`, params[rule])}`,
  }));
}
