import type { z } from 'zod';
import { DEFAULT_ALERT_RULES } from '@/domain/alerts/default-rule-set';
import { alertRuleSetSchema, type AlertRuleSet } from '@/domain/alerts/rule-set';
import { CAS_2019_V1 } from '@/domain/rating/default-rule-set';
import { ratingRuleSetSchema, type RatingRuleSet } from '@/domain/rating/rule-set';

// The two kinds of versioned rule set, stored in one table (`rule_sets.kind`) and kept the same way: copy a
// version to a new inactive one, edit it while it is unlocked, activate it. What differs between the kinds
// is data, and it is all here: the body's schema, the shipped default, the audit entity and when a version
// is locked.

export const ruleSetKinds = ['rating', 'alerts'] as const;
export type RuleSetKind = (typeof ruleSetKinds)[number];

/** The body of a version of each kind. */
export interface RuleSetBodies {
  rating: RatingRuleSet;
  alerts: AlertRuleSet;
}

export interface RuleSetKindDef<K extends RuleSetKind> {
  kind: K;
  schema: z.ZodType<RuleSetBodies[K]>;
  /** The version in force before an office stores one; it can be copied without being stored. */
  defaults: RuleSetBodies[K];
  /** `audit_log.entity_kind`, and the prefix of its actions (`<entity>.copy`, `.update`, `.activate`). */
  auditEntity: string;
  /**
   * Whether a version can no longer change. A rating names the version it was computed with and must stay
   * reproducible from it, so a rating version is locked once used; alerts are not reproduced later from
   * their version, so only the active alert version is locked.
   */
  locked: (v: { active: boolean; usedBy: number }) => boolean;
  /** The message key of the refusal to edit a locked version (takes `{version}`). */
  lockedKey: string;
}

export const ruleSetKindDefs: { [K in RuleSetKind]: RuleSetKindDef<K> } = {
  rating: {
    kind: 'rating',
    schema: ratingRuleSetSchema,
    defaults: CAS_2019_V1,
    auditEntity: 'rule_set',
    locked: (v) => v.active || v.usedBy > 0,
    lockedKey: 'validation.versionLocked',
  },
  alerts: {
    kind: 'alerts',
    schema: alertRuleSetSchema,
    defaults: DEFAULT_ALERT_RULES,
    auditEntity: 'alert_rule_set',
    locked: (v) => v.active,
    lockedKey: 'alerts.validation.activeLocked',
  },
};

export function isRuleSetKind(value: string): value is RuleSetKind {
  return (ruleSetKinds as readonly string[]).includes(value);
}

/** A stored body as the kind's rule set (the schema is strict: a body it refuses is a corrupt row, and throws). */
export function parseRuleSetBody<K extends RuleSetKind>(kind: K, body: unknown): RuleSetBodies[K] {
  return ruleSetKindDefs[kind].schema.parse(body) as RuleSetBodies[K];
}

/** A version's name: letters, digits and `. _ -`, starting with a letter or digit, at most 64 characters. */
export function isVersionName(name: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(name);
}
