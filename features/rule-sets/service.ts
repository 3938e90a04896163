import type { Db } from '@/db/tx';
import { appendAudit, type AuditEntry } from '@/db/audit/audit-log';
import { ruleSetByVersion } from '@/db/rule-sets/read';
import { activateVersion, byVersion, insertVersion, ratingsUsingVersion, updateBody } from '@/db/rule-sets/store';
import type { Actor } from '@/domain/auth/actor';
import { canManageRatings } from '@/domain/auth/rating-permissions';
import { FieldProblem } from '@/domain/errors';
import { isVersionName, ruleSetKindDefs, type RuleSetBodies, type RuleSetKind } from '@/domain/rule-sets/kinds';
import { ratingsFollowWrites } from '@/features/rating/follow-writes';

// The office's three changes to a versioned rule set, for either kind: copy a version to a new inactive
// one, edit an unlocked version, activate a version. Each checks the role, runs in one write transaction
// and leaves an audit entry. Stored ratings keep the version they name; activating a rating version
// re-rates explicitly once it has committed (ratingsFollowWrites: the unpublished years follow it).

function requireOffice(actor: Actor): void {
  if (!canManageRatings(actor.role)) throw new FieldProblem('(form)', 'validation.officeOnly');
}

function audit(kind: RuleSetKind, actor: Actor, step: string, id: number, before: unknown, after: unknown): AuditEntry {
  const entity = ruleSetKindDefs[kind].auditEntity;
  return { actorUserId: actor.userId, action: `${entity}.${step}`, entityKind: entity, entityId: id, unitId: null, before, after };
}

/** Copies a version to a new, inactive version named `version`, for the office to edit and activate. */
export async function copyRuleSet(db: Db, kind: RuleSetKind, actor: Actor, from: string, version: string, now: Date): Promise<string> {
  requireOffice(actor);
  const name = version.trim();
  if (!isVersionName(name)) throw new FieldProblem('version', 'validation.versionFormat');
  return db.transaction(async (tx) => {
    const source = await ruleSetByVersion(tx, kind, from);
    if (!source) throw new FieldProblem('from', 'validation.unknownVersion', { version: from });
    if (await byVersion(tx, kind, name)) throw new FieldProblem('version', 'validation.versionTaken', { version: name });
    const body = ruleSetKindDefs[kind].schema.parse({ ...source, version: name });
    const id = await insertVersion(tx, { kind, version: name, body, createdBy: actor.userId }, now);
    await appendAudit(tx, [audit(kind, actor, 'copy', id, null, { from, version: name })], now);
    return name;
  });
}

/** Replaces the body of a version that is not locked (see the kind's lock rule in domain/rule-sets/kinds). */
export async function updateRuleSet<K extends RuleSetKind>(
  db: Db,
  kind: K,
  actor: Actor,
  body: RuleSetBodies[K],
  now: Date,
): Promise<void> {
  requireOffice(actor);
  const def = ruleSetKindDefs[kind];
  const parsed = def.schema.parse(body);
  await db.transaction(async (tx) => {
    const row = await byVersion(tx, kind, parsed.version);
    if (!row) throw new FieldProblem('version', 'validation.unknownVersion', { version: parsed.version });
    // Only a rating version can be used by stored ratings; counting them for alerts would be wasted work.
    const usedBy = kind === 'rating' && !row.active ? await ratingsUsingVersion(tx, parsed.version) : 0;
    if (def.locked({ active: row.active, usedBy })) throw new FieldProblem('version', def.lockedKey, { version: parsed.version });
    await updateBody(tx, row.id, parsed, now);
    await appendAudit(tx, [audit(kind, actor, 'update', row.id, row.body, parsed)], now);
  });
}

/**
 * Makes a version the one in force for its kind. A rating version re-rates once the activation has
 * committed (issue 15: activation re-rates explicitly; reads never do).
 */
export async function activateRuleSet(db: Db, kind: RuleSetKind, actor: Actor, version: string, now: Date): Promise<void> {
  requireOffice(actor);
  await db.transaction(async (tx) => {
    const row = await byVersion(tx, kind, version);
    if (!row) throw new FieldProblem('version', 'validation.unknownVersion', { version });
    if (row.active) throw new FieldProblem('version', 'validation.alreadyActive', { version });
    // A stored body the schema refuses is never put in force.
    ruleSetKindDefs[kind].schema.parse(row.body);
    const previous = await activateVersion(tx, kind, row.id, now);
    await appendAudit(tx, [audit(kind, actor, 'activate', row.id, { active: previous }, { active: version })], now);
  });
  if (kind === 'rating') await ratingsFollowWrites(db, now);
}

// The names the actions and tests call today.

export const copyRatingRuleSet = (db: Db, actor: Actor, from: string, version: string, now: Date) =>
  copyRuleSet(db, 'rating', actor, from, version, now);
export const updateRatingRuleSet = (db: Db, actor: Actor, body: RuleSetBodies['rating'], now: Date) =>
  updateRuleSet(db, 'rating', actor, body, now);
export const activateRatingRuleSet = (db: Db, actor: Actor, version: string, now: Date) =>
  activateRuleSet(db, 'rating', actor, version, now);
export const copyAlertRuleSet = (db: Db, actor: Actor, from: string, version: string, now: Date) =>
  copyRuleSet(db, 'alerts', actor, from, version, now);
export const updateAlertRuleSet = (db: Db, actor: Actor, body: RuleSetBodies['alerts'], now: Date) =>
  updateRuleSet(db, 'alerts', actor, body, now);
export const activateAlertRuleSet = (db: Db, actor: Actor, version: string, now: Date) =>
  activateRuleSet(db, 'alerts', actor, version, now);
