import { and, count, desc, eq } from 'drizzle-orm';
import { first } from '../engine';
import { ratings, ruleSets, users } from '../schema';
import type { Queryable } from '../tx';
import { descNullsLast } from '../sql/dialect';
import type { RuleSetKind } from '@/domain/rule-sets/kinds';

// The versioned rule sets of both kinds, one table (`rule_sets.kind`): SQL only. Bodies come and go as
// stored; what a body must be, who may change it and when is decided above (features/rule-sets).

export type { Queryable } from '../tx';

export interface StoredRuleSet {
  id: number;
  version: string;
  body: unknown;
  active: boolean;
}

export interface StoredVersionRow {
  id: number;
  version: string;
  active: boolean;
  activatedAt: Date | null;
  createdAt: Date;
  createdBy: string | null;
}

const ofKind = (kind: RuleSetKind) => eq(ruleSets.kind, kind);

/** The body of the active version of a kind, or undefined before one is stored. */
export async function activeBody(q: Queryable, kind: RuleSetKind): Promise<unknown> {
  const row = first(
    await q
      .select({ body: ruleSets.body })
      .from(ruleSets)
      .where(and(ofKind(kind), eq(ruleSets.active, true)))
      .orderBy(descNullsLast(ruleSets.activatedAt))
      .limit(1),
  );
  return row?.body;
}

export async function byVersion(q: Queryable, kind: RuleSetKind, version: string): Promise<StoredRuleSet | undefined> {
  return first(
    await q
      .select({ id: ruleSets.id, version: ruleSets.version, body: ruleSets.body, active: ruleSets.active })
      .from(ruleSets)
      .where(and(ofKind(kind), eq(ruleSets.version, version)))
      .limit(1),
  );
}

export async function hasAnyVersion(q: Queryable, kind: RuleSetKind): Promise<boolean> {
  return Boolean(first(await q.select({ id: ruleSets.id }).from(ruleSets).where(ofKind(kind)).limit(1)));
}

/** Every version of a kind, newest first, with the name of who created it (null: installed by the system). */
export async function listVersions(q: Queryable, kind: RuleSetKind): Promise<StoredVersionRow[]> {
  return q
    .select({
      id: ruleSets.id,
      version: ruleSets.version,
      active: ruleSets.active,
      activatedAt: ruleSets.activatedAt,
      createdAt: ruleSets.createdAt,
      createdBy: users.displayName,
    })
    .from(ruleSets)
    .leftJoin(users, eq(users.id, ruleSets.createdBy))
    .where(ofKind(kind))
    .orderBy(desc(ruleSets.createdAt), desc(ruleSets.id));
}

/** Stores the shipped default as the active version (no creator, so lists say "system"). */
export async function insertActiveDefault(q: Queryable, kind: RuleSetKind, version: string, body: unknown, now: Date): Promise<void> {
  await q.insert(ruleSets).values({ kind, version, body, active: true, activatedAt: now });
}

/** Stores a new, inactive version; returns its id. */
export async function insertVersion(
  q: Queryable,
  v: { kind: RuleSetKind; version: string; body: unknown; createdBy: number | null },
  now: Date,
): Promise<number> {
  const row = first(
    await q
      .insert(ruleSets)
      .values({ ...v, active: false, createdAt: now, updatedAt: now })
      .returning({ id: ruleSets.id }),
  );
  return row!.id;
}

export async function updateBody(q: Queryable, id: number, body: unknown, now: Date): Promise<void> {
  await q.update(ruleSets).set({ body, updatedAt: now }).where(eq(ruleSets.id, id));
}

/** Makes one version the active one of its kind; returns the versions that were active before. */
export async function activateVersion(q: Queryable, kind: RuleSetKind, id: number, now: Date): Promise<string[]> {
  const previous = await q
    .select({ version: ruleSets.version })
    .from(ruleSets)
    .where(and(ofKind(kind), eq(ruleSets.active, true)));
  await q
    .update(ruleSets)
    .set({ active: false, updatedAt: now })
    .where(and(ofKind(kind), eq(ruleSets.active, true)));
  await q.update(ruleSets).set({ active: true, activatedAt: now, updatedAt: now }).where(eq(ruleSets.id, id));
  return previous.map((p) => p.version);
}

/** Stored ratings, in the whole academy, computed with a rating version. */
export async function ratingsUsingVersion(q: Queryable, version: string): Promise<number> {
  return first(await q.select({ n: count() }).from(ratings).where(eq(ratings.ruleSetVersion, version)))?.n ?? 0;
}
