import type { Queryable } from '@/db/tx';
import { activeRuleSet, listRuleSetVersions, ruleSetByVersion, type RuleSetVersionRow } from '@/db/rule-sets/read';
import type { Actor } from '@/domain/auth/actor';
import { canManageRatings } from '@/domain/auth/rating-permissions';
import type { Locale } from '@/domain/i18n/locales';
import { alertRuleFormValues, alertRuleFormView, alertRuleText, type AlertRuleLine } from '@/domain/rule-sets/alert-texts';
import type { FormFieldView } from '@/domain/rule-sets/form-kit';
import { ruleSetKindDefs, type RuleSetBodies, type RuleSetKind } from '@/domain/rule-sets/kinds';
import { ruleSetFormValues, ruleSetFormView, ruleSetText, type RuleSetSection } from '@/domain/rule-sets/rating-texts';

// What the rule-set pages of either kind show: the version's rules in plain language, the versions table
// and, for the office, the edit form of an unlocked version. Loaded here so the components only draw.

/** A row of the versions table; `usedBy` counts ratings in the viewer's scope, null for alert versions (nothing records them). */
export type RuleSetVersionView = Omit<RuleSetVersionRow, 'usedBy'> & { usedBy: number | null };

/** A version's rules in plain language: rating sections, or one line per alert rule. */
export type RuleTextView = { kind: 'rating'; sections: RuleSetSection[] } | { kind: 'alerts'; lines: AlertRuleLine[] };

export interface RuleSetsView {
  kind: RuleSetKind;
  /** The version in force. */
  active: string;
  manage: boolean;
  text: RuleTextView;
  versions: RuleSetVersionView[];
}

export interface RuleSetEditView {
  fields: FormFieldView[];
  groups: { key: string; title: string; tag?: string }[];
  values: Record<string, string>;
}

export interface RuleSetVersionPageView extends RuleSetsView {
  version: string;
  /** Whether the version is stored (the office may activate it); the default can be read before it is. */
  stored: boolean;
  /** The edit form, for the office and an unlocked version; null when locked; undefined for other roles. */
  edit?: RuleSetEditView | null;
}

async function ruleText<K extends RuleSetKind>(q: Queryable, kind: K, rules: RuleSetBodies[K], locale: Locale): Promise<RuleTextView> {
  if (kind === 'rating') return { kind: 'rating', sections: ruleSetText(rules as RuleSetBodies['rating'], locale) };
  // An alert rule's text names the rating thresholds it borrows: always those in force.
  const rating = await activeRuleSet(q, 'rating');
  return { kind: 'alerts', lines: alertRuleText(rules as RuleSetBodies['alerts'], rating.levelThresholds, locale) };
}

async function versionsOf(q: Queryable, kind: RuleSetKind, actor: Actor): Promise<RuleSetVersionView[]> {
  return (await listRuleSetVersions(q, kind, actor.scope)).map((v) => ({ ...v, usedBy: kind === 'rating' ? v.usedBy : null }));
}

/** The kind's rules page: the version in force and every version. */
export async function ruleSetsView(q: Queryable, kind: RuleSetKind, actor: Actor, locale: Locale): Promise<RuleSetsView> {
  const active = await activeRuleSet(q, kind);
  return {
    kind,
    active: active.version,
    manage: canManageRatings(actor.role),
    text: await ruleText(q, kind, active, locale),
    versions: await versionsOf(q, kind, actor),
  };
}

function editView(kind: RuleSetKind, rules: RuleSetBodies[RuleSetKind], locale: Locale): RuleSetEditView {
  if (kind === 'rating') return { ...ruleSetFormView(locale), values: ruleSetFormValues(rules as RuleSetBodies['rating']) };
  return { ...alertRuleFormView(locale), values: alertRuleFormValues(rules as RuleSetBodies['alerts']) };
}

/** One version's page, or null when no version has that name. */
export async function ruleSetVersionPageView(
  q: Queryable,
  kind: RuleSetKind,
  version: string,
  actor: Actor,
  locale: Locale,
): Promise<RuleSetVersionPageView | null> {
  const rules = await ruleSetByVersion(q, kind, version);
  if (!rules) return null;
  const manage = canManageRatings(actor.role);
  // Whether it is locked depends on every rating, not only those the viewer sees.
  const row = (await listRuleSetVersions(q, kind)).find((v) => v.version === version);
  const editable = Boolean(row && !ruleSetKindDefs[kind].locked(row));
  return {
    kind,
    active: (await activeRuleSet(q, kind)).version,
    manage,
    text: await ruleText(q, kind, rules, locale),
    versions: await versionsOf(q, kind, actor),
    version,
    stored: Boolean(row),
    edit: manage ? (editable ? editView(kind, rules, locale) : null) : undefined,
  };
}
