'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { markAllAlertsRead } from '@/db/alerts/alerts';
import { acknowledgeAlert } from '@/features/alerts/acknowledge';
import { canAcknowledgeAlerts } from '@/domain/auth/alert-permissions';
import type { Actor } from '@/domain/auth/actor';
import { safeAction } from '@/server/actions/safe-action';

/** Acknowledges an alert in the actor's scope, with an optional comment (audited). */
export const acknowledgeAlertAction = safeAction(
  {
    schema: z.object({ id: z.coerce.number().int().min(1), comment: z.string().trim().max(1000).optional() }),
    allow: (actor: Actor) => canAcknowledgeAlerts(actor.role),
  },
  async (input, { db, actor }) => {
    await acknowledgeAlert(db, actor, input.id, input.comment || null, new Date());
    revalidatePath('/alerts', 'layout');
    return { id: input.id };
  },
);

/** Marks every alert in the viewer's scope read for the viewer. */
export const markAllAlertsReadAction = safeAction({ schema: z.object({}), allow: () => true }, async (_input, { db, actor }) => {
  const n = await markAllAlertsRead(db, actor, new Date());
  revalidatePath('/', 'layout');
  return { n };
});
