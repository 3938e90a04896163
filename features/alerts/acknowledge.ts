import type { Db } from '@/db/tx';
import { acknowledgementInScope, setAcknowledged } from '@/db/alerts/alerts';
import { appendAudit } from '@/db/audit/audit-log';
import type { Actor } from '@/domain/auth/actor';
import { canAcknowledgeAlerts } from '@/domain/auth/alert-permissions';
import { FieldProblem } from '@/domain/errors';

/**
 * Acknowledges an alert in the actor's scope (who, when, comment), audited in the same transaction. An alert
 * outside the scope is refused exactly like a missing one. Acknowledging twice is refused: the first
 * acknowledgement stands. Alerts are never deleted.
 */
export async function acknowledgeAlert(db: Db, actor: Actor, alertId: number, comment: string | null, now: Date): Promise<void> {
  if (!canAcknowledgeAlerts(actor.role)) throw new FieldProblem('(form)', 'validation.readOnlyRole');
  await db.transaction(async (tx) => {
    const row = await acknowledgementInScope(tx, alertId, actor.scope);
    if (!row) throw new FieldProblem('id', 'alerts.validation.unknownAlert');
    if (row.acknowledgedAt) throw new FieldProblem('id', 'alerts.validation.alreadyAcknowledged');
    await setAcknowledged(tx, alertId, { userId: actor.userId, comment }, now);
    await appendAudit(
      tx,
      [
        {
          actorUserId: actor.userId,
          action: 'alert.acknowledge',
          entityKind: 'alert',
          entityId: alertId,
          unitId: row.unitId,
          before: null,
          after: { acknowledgedAt: now.toISOString(), comment },
        },
      ],
      now,
    );
  });
}
