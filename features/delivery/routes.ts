import { z } from 'zod';
import type { Db, Queryable } from '@/db/tx';
import { appendAudit } from '@/db/audit/audit-log';
import { getSetting, putSetting } from '@/db/settings';
import { roles, type Role } from '@/domain/reference/roles';
import { levels, type Level } from '@/domain/reference/level-codes';

// Who receives which alert colours, per role (e-mail, within the user's scope) and for the webhook.
// Stored in `settings` and edited by the office on /alerts/delivery (docs/decisions/014-alert-delivery.md).

export const ROUTES_SETTING = 'alert_delivery_routes';

export const deliveryRoutesSchema = z.object({
  roles: z.partialRecord(z.enum(roles), z.array(z.enum(levels))),
  webhook: z.array(z.enum(levels)),
});
export type DeliveryRoutes = z.infer<typeof deliveryRoutesSchema>;

export const defaultDeliveryRoutes: DeliveryRoutes = {
  roles: {
    leader: ['orange', 'red'],
    office: ['blue', 'yellow', 'orange', 'red'],
    admin: [],
    branch_officer: ['orange', 'red'],
    unit_manager: ['yellow', 'orange', 'red'],
    reporter: [],
  },
  webhook: ['blue', 'yellow', 'orange', 'red'],
};

export async function deliveryRoutes(q: Queryable): Promise<DeliveryRoutes> {
  const raw = await getSetting(q, ROUTES_SETTING);
  if (!raw) return defaultDeliveryRoutes;
  const parsed = deliveryRoutesSchema.safeParse(JSON.parse(raw));
  return parsed.success ? parsed.data : defaultDeliveryRoutes;
}

export function rolesReceiving(routes: DeliveryRoutes, colour: Level): Role[] {
  return roles.filter((r) => (routes.roles[r] ?? []).includes(colour));
}

/** The office's change of the routes, written to the audit chain in the same transaction. */
export async function updateDeliveryRoutes(db: Db, actorUserId: number, routes: DeliveryRoutes, now: Date): Promise<void> {
  const next = deliveryRoutesSchema.parse(routes);
  await db.transaction(async (tx) => {
    const before = await deliveryRoutes(tx);
    await putSetting(tx, ROUTES_SETTING, JSON.stringify(next));
    await appendAudit(
      tx,
      [{ actorUserId, action: 'delivery.routes', entityKind: 'settings', entityId: null, unitId: null, before, after: next }],
      now,
    );
  });
}
