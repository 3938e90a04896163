import type { Db, Queryable } from '../tx';
import type { AlertRules } from '@/domain/alerts/types';
import type { AlertRuleSet } from '@/domain/alerts/rule-set';
import type { Scope } from '@/domain/auth/actor';
import type { RatingRuleSet } from '@/domain/rating/rule-set';
import { parseRuleSetBody, ruleSetKindDefs, type RuleSetBodies, type RuleSetKind } from '@/domain/rule-sets/kinds';
import { ratingsPerRuleSetVersion } from '@/db/rating/ratings';
import { activeBody, byVersion, hasAnyVersion, insertActiveDefault, listVersions, type StoredVersionRow } from './store';

// The rule sets as their domain types: a stored body read through its kind's schema, the shipped default
// standing in before an office stores a version. Queries that compute with the rule set in force (records,
// overview) read it here, so this stays in db/ until they take it as a parameter.

/** The rule set of a kind in force: the active stored version, or the default before one is stored. */
export async function activeRuleSet<K extends RuleSetKind>(q: Queryable, kind: K): Promise<RuleSetBodies[K]> {
  const body = await activeBody(q, kind);
  return body === undefined ? ruleSetKindDefs[kind].defaults : parseRuleSetBody(kind, body);
}

/** A version of a kind; the default is found by its name even before it is stored. */
export async function ruleSetByVersion<K extends RuleSetKind>(q: Queryable, kind: K, version: string): Promise<RuleSetBodies[K] | null> {
  const row = await byVersion(q, kind, version);
  if (row) return parseRuleSetBody(kind, row.body);
  const { defaults } = ruleSetKindDefs[kind];
  return version === defaults.version ? defaults : null;
}

/** Installs a kind's default as the active version when the kind has none; never touches an office's versions. */
export async function ensureDefaultRuleSet(db: Db, kind: RuleSetKind, now = new Date()): Promise<void> {
  await db.transaction(async (tx) => {
    if (await hasAnyVersion(tx, kind)) return;
    const { defaults } = ruleSetKindDefs[kind];
    await insertActiveDefault(tx, kind, defaults.version, defaults, now);
  });
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
export async function listRuleSetVersions(q: Queryable, kind: RuleSetKind, scope: Scope = { all: true }): Promise<RuleSetVersionRow[]> {
  const rows = await listVersions(q, kind);
  if (kind !== 'rating') return rows.map((r) => ({ ...r, usedBy: 0 }));
  const used = await ratingsPerRuleSetVersion(q, scope);
  return rows.map((r) => ({ ...r, usedBy: used.get(r.version) ?? 0 }));
}

// The names every area reads the two kinds by.

export const activeRatingRuleSet = (q: Queryable): Promise<RatingRuleSet> => activeRuleSet(q, 'rating');
export const ratingRuleSetByVersion = (q: Queryable, version: string): Promise<RatingRuleSet | null> =>
  ruleSetByVersion(q, 'rating', version);
export const activeAlertRuleSet = (q: Queryable): Promise<AlertRuleSet> => activeRuleSet(q, 'alerts');
export const alertRuleSetByVersion = (q: Queryable, version: string): Promise<AlertRuleSet | null> =>
  ruleSetByVersion(q, 'alerts', version);

/** The alert rules and the active rating rule set they borrow tiers, levels and deadlines from. */
export async function activeAlertRules(q: Queryable): Promise<AlertRules> {
  // One after the other: inside a transaction statements run in order.
  const alerts = await activeRuleSet(q, 'alerts');
  return { alerts, rating: await activeRuleSet(q, 'rating') };
}
