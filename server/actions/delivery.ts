'use server';

import { z } from 'zod';
import { revalidatePath } from 'next/cache';
import { roles } from '@/domain/reference/roles';
import { levels } from '@/domain/reference/level-codes';
import { canManageRatings } from '@/domain/auth/rating-permissions';
import { updateDeliveryRoutes, type DeliveryRoutes } from '@/features/delivery/routes';
import { safeAction } from '@/server/actions/safe-action';

// The form sends one checkbox per (row, colour): `role.<role>.<colour>` and `webhook.<colour>`, value "on".
const schema = z.record(z.string(), z.unknown()).transform((form): DeliveryRoutes => {
  const picked = (prefix: string) => levels.filter((l) => form[`${prefix}.${l}`] === 'on');
  return { roles: Object.fromEntries(roles.map((r) => [r, picked(`role.${r}`)])), webhook: picked('webhook') };
});

/** The safety office (or an administrator) sets which colours each role receives and the webhook gets. */
export const saveDeliveryRoutesAction = safeAction({ schema, allow: (a) => canManageRatings(a.role) }, async (routes, { actor, db }) => {
  await updateDeliveryRoutes(db, actor.userId, routes, new Date());
  revalidatePath('/alerts/delivery');
  return { saved: true };
});
