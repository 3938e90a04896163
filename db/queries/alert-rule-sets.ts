import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../client';
import type { SyncQueryable as Reader } from '../tx';
import { ruleSets, users } from '../schema';
import type { Actor } from '@/domain/auth/actor';
import { FieldProblem } from '@/domain/errors';
import { DEFAULT_ALERT_RULES } from '@/domain/alerts/default-rule-set';
import { alertRuleSetSchema, type AlertRuleSet } from '@/domain/alerts/rule-set';
import type { AlertRules } from '@/domain/alerts/types';
import { CAS_2019_V1 } from '@/domain/rating/default-rule-set';
import { canManageRatings } from '@/domain/auth/rating-permissions';
import { ratingRuleSetSchema } from '@/domain/rating/rule-set';
import { appendAudit } from '@/db/audit/audit-log';

// The alert rule set's versions, in `rule_sets` with kind 'alerts', kept exactly like the rating's
// (db/queries/rule-sets.ts): copy to a new inactive version, edit it while inactive, activate it. Alerts
// are not reproduced later from their version, so only the active version is locked.

export function ensureDefaultAlertRuleSet(db: Db, now = new Date()): void {
  db.transaction(
    (tx) => {
      if (tx.select({ id: ruleSets.id }).from(ruleSets).where(eq(ruleSets.kind, 'alerts')).limit(1).get()) return;
      tx.insert(ruleSets)
        .values({ kind: 'alerts', version: DEFAULT_ALERT_RULES.version, body: DEFAULT_ALERT_RULES, active: true, activatedAt: now })
        .run();
    },
    { behavior: 'immediate' },
  );
}

/** The alert rules in force: the active stored version, or the default before one is stored. */
export function activeAlertRuleSet(db: Reader): AlertRuleSet {
  const row = db
    .select({ body: ruleSets.body })
    .from(ruleSets)
    .where(and(eq(ruleSets.kind, 'alerts'), eq(ruleSets.active, true)))
    .orderBy(desc(ruleSets.activatedAt))
    .limit(1)
    .get();
  return row ? alertRuleSetSchema.parse(row.body) : DEFAULT_ALERT_RULES;
}

/** The alert rules and the active rating rule set they borrow tiers, levels and deadlines from. */
export function activeAlertRules(db: Reader): AlertRules {
  const row = db
    .select({ body: ruleSets.body })
    .from(ruleSets)
    .where(and(eq(ruleSets.kind, 'rating'), eq(ruleSets.active, true)))
    .orderBy(desc(ruleSets.activatedAt))
    .limit(1)
    .get();
  return { alerts: activeAlertRuleSet(db), rating: row ? ratingRuleSetSchema.parse(row.body) : CAS_2019_V1 };
}

function stored(db: Reader, version: string) {
  return db
    .select()
    .from(ruleSets)
    .where(and(eq(ruleSets.kind, 'alerts'), eq(ruleSets.version, version)))
    .get();
}

export function alertRuleSetByVersion(db: Reader, version: string): AlertRuleSet | null {
  const row = stored(db, version);
  if (row) return alertRuleSetSchema.parse(row.body);
  return version === DEFAULT_ALERT_RULES.version ? DEFAULT_ALERT_RULES : null;
}

export interface AlertRuleSetVersionRow {
  id: number;
  version: string;
  active: boolean;
  activatedAt: Date | null;
  createdAt: Date;
  createdBy: string | null;
}

export function listAlertRuleSets(db: Db): AlertRuleSetVersionRow[] {
  return db
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
    .where(eq(ruleSets.kind, 'alerts'))
    .orderBy(desc(ruleSets.createdAt), desc(ruleSets.id))
    .all();
}

const VERSION_FORMAT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

function requireOffice(actor: Actor): void {
  if (!canManageRatings(actor.role)) throw new FieldProblem('(form)', 'validation.officeOnly');
}

const audit = (actor: Actor, action: string, id: number, before: unknown, after: unknown) => ({
  actorUserId: actor.userId,
  action,
  entityKind: 'alert_rule_set',
  entityId: id,
  unitId: null,
  before: before ?? null,
  after: after ?? null,
});

export function copyAlertRuleSet(db: Db, actor: Actor, from: string, version: string, now: Date): string {
  requireOffice(actor);
  const name = version.trim();
  if (!VERSION_FORMAT.test(name)) throw new FieldProblem('version', 'validation.versionFormat');
  return db.transaction(
    (tx) => {
      const source = alertRuleSetByVersion(tx, from);
      if (!source) throw new FieldProblem('from', 'validation.unknownVersion', { version: from });
      if (stored(tx, name)) throw new FieldProblem('version', 'validation.versionTaken', { version: name });
      const body = alertRuleSetSchema.parse({ ...source, version: name });
      const row = tx
        .insert(ruleSets)
        .values({ kind: 'alerts', version: name, body, active: false, createdBy: actor.userId, createdAt: now, updatedAt: now })
        .returning({ id: ruleSets.id })
        .get();
      appendAudit(tx, [audit(actor, 'alert_rule_set.copy', row.id, null, { from, version: name })], now);
      return name;
    },
    { behavior: 'immediate' },
  );
}

/** Replaces the rules of an inactive version (the active one is copied, never edited in place). */
export function updateAlertRuleSet(db: Db, actor: Actor, body: AlertRuleSet, now: Date): void {
  requireOffice(actor);
  const parsed = alertRuleSetSchema.parse(body);
  db.transaction(
    (tx) => {
      const row = stored(tx, parsed.version);
      if (!row) throw new FieldProblem('version', 'validation.unknownVersion', { version: parsed.version });
      if (row.active) throw new FieldProblem('version', 'alerts.validation.activeLocked', { version: parsed.version });
      tx.update(ruleSets).set({ body: parsed, updatedAt: now }).where(eq(ruleSets.id, row.id)).run();
      appendAudit(tx, [audit(actor, 'alert_rule_set.update', row.id, row.body, parsed)], now);
    },
    { behavior: 'immediate' },
  );
}

export function activateAlertRuleSet(db: Db, actor: Actor, version: string, now: Date): void {
  requireOffice(actor);
  db.transaction(
    (tx) => {
      const row = stored(tx, version);
      if (!row) throw new FieldProblem('version', 'validation.unknownVersion', { version });
      if (row.active) throw new FieldProblem('version', 'validation.alreadyActive', { version });
      alertRuleSetSchema.parse(row.body);
      const previous = tx
        .select({ version: ruleSets.version })
        .from(ruleSets)
        .where(and(eq(ruleSets.kind, 'alerts'), eq(ruleSets.active, true)))
        .all();
      tx.update(ruleSets)
        .set({ active: false, updatedAt: now })
        .where(and(eq(ruleSets.kind, 'alerts'), eq(ruleSets.active, true)))
        .run();
      tx.update(ruleSets).set({ active: true, activatedAt: now, updatedAt: now }).where(eq(ruleSets.id, row.id)).run();
      appendAudit(
        tx,
        [audit(actor, 'alert_rule_set.activate', row.id, { active: previous.map((p) => p.version) }, { active: version })],
        now,
      );
    },
    { behavior: 'immediate' },
  );
}
