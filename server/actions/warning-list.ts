'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { addWarningEntry, confirmWarningEntry, liftWarningEntry } from '@/features/rating/warning-list';
import type { Actor } from '@/domain/auth/actor';
import { canManageRatings } from '@/domain/auth/rating-permissions';
import { safeAction } from '@/server/actions/safe-action';

const office = { allow: (actor: Actor) => canManageRatings(actor.role) };
const entry = z.object({ id: z.coerce.number().int().positive() });

function refresh() {
  revalidatePath('/ratings/warning-list');
  revalidatePath('/units', 'layout');
}

export const confirmEntryAction = safeAction({ schema: entry, ...office }, async (input, { db, actor }) => {
  await confirmWarningEntry(db, actor, input.id, new Date());
  refresh();
  return { id: input.id };
});

export const liftEntryAction = safeAction({ schema: entry, ...office }, async (input, { db, actor }) => {
  await liftWarningEntry(db, actor, input.id, new Date());
  refresh();
  return { id: input.id };
});

export const addEntryAction = safeAction(
  {
    schema: z.object({
      unitCode: z.string().trim().min(1).max(64),
      personName: z.string().trim().max(100).optional(),
      reason: z.string().trim().min(2).max(500),
    }),
    ...office,
  },
  async (input, { db, actor }) => {
    const id = await addWarningEntry(db, actor, input, new Date());
    refresh();
    return { id };
  },
);
