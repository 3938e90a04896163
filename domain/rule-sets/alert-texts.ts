import { z } from 'zod';
import type { Locale } from '@/domain/i18n/locales';
import { translate } from '@/domain/i18n/translate';
import { DEFAULT_ALERT_RULES } from '@/domain/alerts/default-rule-set';
import { alertRuleIds, alertRuleSetSchema, type AlertRuleId, type AlertRuleSet } from '@/domain/alerts/rule-set';

// The alert rule set as plain language and as a flat form (one input per parameter, named
// "<rule>.<parameter>", e.g. "domain.surge.factor"), validated by the rule-set schema with every problem
// named by its input, in the reader's language.

/** The message key segment of a rule: 'incident.serious' → 'incidentSerious'. */
export const ruleKey = (rule: string) => rule.replace(/\.(\w)/g, (_, c: string) => c.toUpperCase());

export type AlertFieldKind = 'boolean' | 'number' | 'level' | 'levelOrNone';

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

export const NONE = 'none';
const byName = new Map(alertRuleFields.map((f) => [f.name, f]));

export function alertRuleFormValues(rules: AlertRuleSet): Record<string, string> {
  const values: Record<string, string> = { version: rules.version };
  for (const f of alertRuleFields) {
    const v = (rules[f.rule] as Record<string, unknown>)[f.param];
    values[f.name] = v === null ? NONE : String(v);
  }
  return values;
}

/** Flat form values to a rule-set body. An unticked box is absent from a form: the rule is off. */
export function alertRuleBodyFromForm(raw: Record<string, unknown>): Record<string, unknown> {
  const body: Record<string, Record<string, unknown> | unknown> = { version: raw.version };
  for (const rule of alertRuleIds) body[rule] = {};
  for (const f of alertRuleFields) {
    const value = raw[f.name];
    const text = typeof value === 'string' ? value.trim() : value;
    let parsed: unknown = text;
    if (f.kind === 'boolean') parsed = text === 'on' || text === 'true';
    else if (text === '' || text === undefined) parsed = undefined;
    else if (f.kind === 'number' && typeof text === 'string' && /^-?\d+(\.\d+)?$/.test(text)) parsed = Number(text);
    else if (f.kind === 'levelOrNone') parsed = text === NONE ? null : text;
    (body[f.rule] as Record<string, unknown>)[f.param] = parsed;
  }
  // Anything else sent stays in, so the strict schema refuses it rather than ignoring it.
  for (const [k, v] of Object.entries(raw)) if (k !== 'version' && !byName.has(k)) body[k] = v;
  return body;
}

export const alertRuleFormSchema = z.record(z.string(), z.unknown()).transform((raw, ctx): AlertRuleSet => {
  const body = alertRuleBodyFromForm(raw);
  const parsed = alertRuleSetSchema.safeParse(body);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    const field = issue.path.map(String).join('.') || '(form)';
    const kind = byName.get(field)?.kind;
    const input = raw[field];
    if (issue.code === 'invalid_type' && kind === 'number' && input !== undefined && input !== '') {
      ctx.addIssue({
        code: 'custom',
        path: [field],
        message: field.endsWith('factor') ? 'validation.invalid' : 'validation.wholeNumber',
        input,
      });
    } else {
      const { message: _english, path: _path, ...rest } = issue;
      ctx.addIssue({ ...rest, path: [field] } as Parameters<typeof ctx.addIssue>[0]);
    }
  }
  return z.NEVER;
});

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
