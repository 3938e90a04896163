import type { Db } from '../client';
import type { AlertRules } from '@/domain/alerts/types';
import type { AlertRuleSet } from '@/domain/alerts/rule-set';
import type { Scope } from '@/domain/auth/actor';
import type { RatingRuleSet } from '@/domain/rating/rule-set';
import { parseRuleSetBody, ruleSetKindDefs, type RuleSetBodies, type RuleSetKind } from '@/domain/rule-sets/kinds';
import { ratingsPerRuleSetVersion } from '@/db/rating/ratings';
import { activeBody, byVersion, hasAnyVersion, insertActiveDefault, listVersions, type Queryable, type StoredVersionRow } from './store';

// The rule sets as their domain types: a stored body read through its kind's schema, the shipped default
// standing in before an office stores a version. Queries that compute with the rule set in force (records,
// overview) read it here, so this stays in db/ until they take it as a parameter.

/** The rule set of a kind in force: the active stored version, or the default before one is stored. */
export function activeRuleSet<K extends RuleSetKind>(q: Queryable, kind: K): RuleSetBodies[K] {
  const body = activeBody(q, kind);
  return body === undefined ? ruleSetKindDefs[kind].defaults : parseRuleSetBody(kind, body);
}

/** A version of a kind; the default is found by its name even before it is stored. */
export function ruleSetByVersion<K extends RuleSetKind>(q: Queryable, kind: K, version: string): RuleSetBodies[K] | null {
  const row = byVersion(q, kind, version);
  if (row) return parseRuleSetBody(kind, row.body);
  const { defaults } = ruleSetKindDefs[kind];
  return version === defaults.version ? defaults : null;
}

/** Installs a kind's default as the active version when the kind has none; never touches an office's versions. */
export function ensureDefaultRuleSet(db: Db, kind: RuleSetKind, now = new Date()): void {
  db.transaction(
    (tx) => {
      if (hasAnyVersion(tx, kind)) return;
      const { defaults } = ruleSetKindDefs[kind];
      insertActiveDefault(tx, kind, defaults.version, defaults, now);
    },
    { behavior: 'immediate' },
  );
}

export interface RuleSetVersionRow extends StoredVersionRow {
  /** Stored ratings computed with this version (always 0 for alert versions); a rating version in use is never edited. */
  usedBy: number;
}

/**
 * Every version of a kind, newest first. For rating versions `usedBy` counts the ratings in `scope` that
 * used it (a viewer limited to part of the academy must not learn how many institutes were rated
 * elsewhere); whether a version may still be edited depends on every rating, so the office's check passes
 * the whole academy (the default).
 */
export function listRuleSetVersions(db: Db, kind: RuleSetKind, scope: Scope = { all: true }): RuleSetVersionRow[] {
  const rows = listVersions(db, kind);
  if (kind !== 'rating') return rows.map((r) => ({ ...r, usedBy: 0 }));
  const used = ratingsPerRuleSetVersion(db, scope);
  return rows.map((r) => ({ ...r, usedBy: used.get(r.version) ?? 0 }));
}

// The names every area reads the two kinds by.

export const activeRatingRuleSet = (q: Queryable): RatingRuleSet => activeRuleSet(q, 'rating');
export const ratingRuleSetByVersion = (q: Queryable, version: string): RatingRuleSet | null => ruleSetByVersion(q, 'rating', version);
export const activeAlertRuleSet = (q: Queryable): AlertRuleSet => activeRuleSet(q, 'alerts');
export const alertRuleSetByVersion = (q: Queryable, version: string): AlertRuleSet | null => ruleSetByVersion(q, 'alerts', version);

/** The alert rules and the active rating rule set they borrow tiers, levels and deadlines from. */
export function activeAlertRules(q: Queryable): AlertRules {
  return { alerts: activeRuleSet(q, 'alerts'), rating: activeRuleSet(q, 'rating') };
}
