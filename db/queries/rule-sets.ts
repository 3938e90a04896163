import { and, count, desc, eq } from 'drizzle-orm';
import type { Db } from '../client';
import type { SyncTx as Tx } from '../tx';
import { ratings, ruleSets, users } from '../schema';
import type { Actor, Scope } from '@/domain/auth/actor';
import { FieldProblem } from '@/domain/errors';
import { CAS_2019_V1 } from '@/domain/rating/default-rule-set';
import { canManageRatings } from '@/domain/auth/rating-permissions';
import { ratingRuleSetSchema, type RatingRuleSet } from '@/domain/rating/rule-set';
import { appendAudit, type AuditEntry } from '@/db/audit/audit-log';
import { ratingsPerRuleSetVersion } from './ratings';

/** Installs the default rating rule set as the active one when there is none; never touches an office's versions. */
export function ensureDefaultRuleSets(db: Db, now = new Date()): void {
  db.transaction(
    (tx) => {
      const any = tx.select({ id: ruleSets.id }).from(ruleSets).where(eq(ruleSets.kind, 'rating')).limit(1).get();
      if (any) return;
      tx.insert(ruleSets).values({ kind: 'rating', version: CAS_2019_V1.version, body: CAS_2019_V1, active: true, activatedAt: now }).run();
    },
    { behavior: 'immediate' },
  );
}

/** The rating rule set in force: the active stored version, or the default before one is stored. */
export function activeRatingRuleSet(db: Db | Tx): RatingRuleSet {
  const row = db
    .select({ body: ruleSets.body })
    .from(ruleSets)
    .where(and(eq(ruleSets.kind, 'rating'), eq(ruleSets.active, true)))
    .orderBy(desc(ruleSets.activatedAt))
    .limit(1)
    .get();
  return row ? ratingRuleSetSchema.parse(row.body) : CAS_2019_V1;
}

export function ratingRuleSetByVersion(db: Db, version: string): RatingRuleSet | null {
  const row = db
    .select({ body: ruleSets.body })
    .from(ruleSets)
    .where(and(eq(ruleSets.kind, 'rating'), eq(ruleSets.version, version)))
    .get();
  return row ? ratingRuleSetSchema.parse(row.body) : version === CAS_2019_V1.version ? CAS_2019_V1 : null;
}

export interface RuleSetVersionRow {
  id: number;
  version: string;
  active: boolean;
  activatedAt: Date | null;
  createdAt: Date;
  createdBy: string | null;
  /** Stored ratings computed with this version; a version in use is never edited. */
  usedBy: number;
}

/** Every rating rule-set version, newest first, with who created it and how many ratings used it. */
/**
 * Every rating rule-set version; `usedBy` counts the ratings in `scope` that used it (a viewer limited to
 * part of the academy must not learn how many institutes were rated elsewhere). Whether a version may still
 * be edited depends on every rating, so the office's check passes the whole academy (the default).
 */
export function listRatingRuleSets(db: Db, scope: Scope = { all: true }): RuleSetVersionRow[] {
  const rows = db
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
    .where(eq(ruleSets.kind, 'rating'))
    .orderBy(desc(ruleSets.createdAt), desc(ruleSets.id))
    .all();
  const used = ratingsPerRuleSetVersion(db, scope);
  return rows.map((r) => ({ ...r, usedBy: used.get(r.version) ?? 0 }));
}

const VERSION_FORMAT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

function requireOffice(actor: Actor): void {
  if (!canManageRatings(actor.role)) throw new FieldProblem('(form)', 'validation.officeOnly');
}

function storedVersion(tx: Tx | Db, version: string) {
  return tx
    .select()
    .from(ruleSets)
    .where(and(eq(ruleSets.kind, 'rating'), eq(ruleSets.version, version)))
    .get();
}

const audit = (actor: Actor, action: string, id: number, before: unknown, after: unknown): AuditEntry => ({
  actorUserId: actor.userId,
  action,
  entityKind: 'rule_set',
  entityId: id,
  unitId: null,
  before: before ?? null,
  after: after ?? null,
});

/** Copies a version to a new, inactive version named `version`, for the office to edit and activate. */
export function copyRatingRuleSet(db: Db, actor: Actor, from: string, version: string, now: Date): RuleSetVersionRow['version'] {
  requireOffice(actor);
  const name = version.trim();
  if (!VERSION_FORMAT.test(name)) throw new FieldProblem('version', 'validation.versionFormat');
  return db.transaction(
    (tx) => {
      const source = from === CAS_2019_V1.version && !storedVersion(tx, from) ? CAS_2019_V1 : ratingRuleSetByVersionIn(tx, from);
      if (!source) throw new FieldProblem('from', 'validation.unknownVersion', { version: from });
      if (storedVersion(tx, name)) throw new FieldProblem('version', 'validation.versionTaken', { version: name });
      const body = ratingRuleSetSchema.parse({ ...source, version: name });
      const row = tx
        .insert(ruleSets)
        .values({ kind: 'rating', version: name, body, active: false, createdBy: actor.userId, createdAt: now, updatedAt: now })
        .returning({ id: ruleSets.id })
        .get();
      appendAudit(tx, [audit(actor, 'rule_set.copy', row.id, null, { from, version: name })], now);
      return name;
    },
    { behavior: 'immediate' },
  );
}

/**
 * Replaces the numbers of a version. Only a version that is not active and that no stored rating used can
 * change: a rating must stay reproducible from the version it names.
 */
export function updateRatingRuleSet(db: Db, actor: Actor, body: RatingRuleSet, now: Date): void {
  requireOffice(actor);
  const parsed = ratingRuleSetSchema.parse(body);
  db.transaction(
    (tx) => {
      const row = storedVersion(tx, parsed.version);
      if (!row) throw new FieldProblem('version', 'validation.unknownVersion', { version: parsed.version });
      const used = tx.select({ n: count() }).from(ratings).where(eq(ratings.ruleSetVersion, parsed.version)).get()?.n ?? 0;
      if (row.active || used > 0) throw new FieldProblem('version', 'validation.versionLocked', { version: parsed.version });
      tx.update(ruleSets).set({ body: parsed, updatedAt: now }).where(eq(ruleSets.id, row.id)).run();
      appendAudit(tx, [audit(actor, 'rule_set.update', row.id, row.body, parsed)], now);
    },
    { behavior: 'immediate' },
  );
}

/**
 * Makes a version the one new ratings are computed with. Stored ratings keep the version they name; this
 * year's provisional ratings follow at their next refresh (the audit entry marks the inputs as changed).
 */
export function activateRatingRuleSet(db: Db, actor: Actor, version: string, now: Date): void {
  requireOffice(actor);
  db.transaction(
    (tx) => {
      const row = storedVersion(tx, version);
      if (!row) throw new FieldProblem('version', 'validation.unknownVersion', { version });
      if (row.active) throw new FieldProblem('version', 'validation.alreadyActive', { version });
      ratingRuleSetSchema.parse(row.body);
      const previous = tx
        .select({ id: ruleSets.id, version: ruleSets.version })
        .from(ruleSets)
        .where(and(eq(ruleSets.kind, 'rating'), eq(ruleSets.active, true)))
        .all();
      tx.update(ruleSets)
        .set({ active: false, updatedAt: now })
        .where(and(eq(ruleSets.kind, 'rating'), eq(ruleSets.active, true)))
        .run();
      tx.update(ruleSets).set({ active: true, activatedAt: now, updatedAt: now }).where(eq(ruleSets.id, row.id)).run();
      appendAudit(tx, [audit(actor, 'rule_set.activate', row.id, { active: previous.map((p) => p.version) }, { active: version })], now);
    },
    { behavior: 'immediate' },
  );
}

function ratingRuleSetByVersionIn(tx: Tx | Db, version: string): RatingRuleSet | null {
  const row = storedVersion(tx, version);
  return row ? ratingRuleSetSchema.parse(row.body) : null;
}
