import { and, count, desc, eq } from 'drizzle-orm';
import type { Db } from '../client';
import { ratings, ruleSets, users } from '../schema';
import type { RuleSetKind } from '@/domain/rule-sets/kinds';
import type { SyncTx as Tx } from '@/db/tx';

// The versioned rule sets of both kinds, one table (`rule_sets.kind`): SQL only. Bodies come and go as
// stored; what a body must be, who may change it and when is decided above (features/rule-sets).

export type Queryable = Db | Tx;

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
export function activeBody(q: Queryable, kind: RuleSetKind): unknown {
  return q
    .select({ body: ruleSets.body })
    .from(ruleSets)
    .where(and(ofKind(kind), eq(ruleSets.active, true)))
    .orderBy(desc(ruleSets.activatedAt))
    .limit(1)
    .get()?.body;
}

export function byVersion(q: Queryable, kind: RuleSetKind, version: string): StoredRuleSet | undefined {
  return q
    .select({ id: ruleSets.id, version: ruleSets.version, body: ruleSets.body, active: ruleSets.active })
    .from(ruleSets)
    .where(and(ofKind(kind), eq(ruleSets.version, version)))
    .get();
}

export function hasAnyVersion(q: Queryable, kind: RuleSetKind): boolean {
  return Boolean(q.select({ id: ruleSets.id }).from(ruleSets).where(ofKind(kind)).limit(1).get());
}

/** Every version of a kind, newest first, with the name of who created it (null: installed by the system). */
export function listVersions(q: Queryable, kind: RuleSetKind): StoredVersionRow[] {
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
    .orderBy(desc(ruleSets.createdAt), desc(ruleSets.id))
    .all();
}

/** Stores the shipped default as the active version (no creator, so lists say "system"). */
export function insertActiveDefault(q: Queryable, kind: RuleSetKind, version: string, body: unknown, now: Date): void {
  q.insert(ruleSets).values({ kind, version, body, active: true, activatedAt: now }).run();
}

/** Stores a new, inactive version; returns its id. */
export function insertVersion(
  q: Queryable,
  v: { kind: RuleSetKind; version: string; body: unknown; createdBy: number | null },
  now: Date,
): number {
  return q
    .insert(ruleSets)
    .values({ ...v, active: false, createdAt: now, updatedAt: now })
    .returning({ id: ruleSets.id })
    .get().id;
}

export function updateBody(q: Queryable, id: number, body: unknown, now: Date): void {
  q.update(ruleSets).set({ body, updatedAt: now }).where(eq(ruleSets.id, id)).run();
}

/** Makes one version the active one of its kind; returns the versions that were active before. */
export function activateVersion(q: Queryable, kind: RuleSetKind, id: number, now: Date): string[] {
  const previous = q
    .select({ version: ruleSets.version })
    .from(ruleSets)
    .where(and(ofKind(kind), eq(ruleSets.active, true)))
    .all();
  q.update(ruleSets)
    .set({ active: false, updatedAt: now })
    .where(and(ofKind(kind), eq(ruleSets.active, true)))
    .run();
  q.update(ruleSets).set({ active: true, activatedAt: now, updatedAt: now }).where(eq(ruleSets.id, id)).run();
  return previous.map((p) => p.version);
}

/** Stored ratings, in the whole academy, computed with a rating version. */
export function ratingsUsingVersion(q: Queryable, version: string): number {
  return q.select({ n: count() }).from(ratings).where(eq(ratings.ruleSetVersion, version)).get()?.n ?? 0;
}
