'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { canManageRatings } from '@/domain/auth/rating-permissions';
import { publishYear, recomputeYear } from '@/features/rating/year-ratings';
import type { Actor } from '@/domain/auth/actor';
import { safeAction } from '@/server/actions/safe-action';

const office = { allow: (actor: Actor) => canManageRatings(actor.role) };
const year = z.coerce.number().int().min(2000).max(2100);

/** The office publishes a past year's final ratings; `expected` is the per-level count it confirmed. */
export const publishYearAction = safeAction(
  { schema: z.object({ year, expected: z.string().max(200) }), ...office },
  async (input, { db, actor }) => {
    const result = await publishYear(db, actor, input.year, input.expected, new Date());
    revalidatePath('/ratings', 'layout');
    revalidatePath('/units', 'layout');
    return { year: input.year, published: result.published, proposed: result.proposed };
  },
);

/** The office recomputes a past, unpublished year's final ratings with the active rule set. */
export const recomputeYearAction = safeAction({ schema: z.object({ year }), ...office }, async (input, { db, actor }) => {
  const result = await recomputeYear(db, actor, input.year, new Date());
  revalidatePath('/ratings', 'layout');
  return { year: input.year, ...result };
});
