'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { activateRatingRuleSet, copyRatingRuleSet, updateRatingRuleSet } from '@/db/queries/rule-sets';
import type { Actor } from '@/domain/auth/actor';
import { canManageRatings } from '@/domain/auth/rating-permissions';
import { ruleSetFormSchema } from '@/domain/rule-sets/rating-texts';
import { safeAction } from '@/server/actions/safe-action';

const office = { allow: (actor: Actor) => canManageRatings(actor.role) };
const versionName = z.string().trim().min(1).max(64);

/** Copies a version to a new, inactive one. */
export const copyRuleSetAction = safeAction(
  { schema: z.object({ from: versionName, version: versionName }), ...office },
  (input, { db, actor }) => {
    const version = copyRatingRuleSet(db, actor, input.from, input.version, new Date());
    revalidatePath('/ratings/rules', 'layout');
    return { version };
  },
);

/** Saves the edited numbers of an inactive, unused version; every field is validated by the rule-set schema. */
export const updateRuleSetAction = safeAction({ schema: ruleSetFormSchema, ...office }, (ruleSet, { db, actor }) => {
  updateRatingRuleSet(db, actor, ruleSet, new Date());
  revalidatePath('/ratings/rules', 'layout');
  return { version: ruleSet.version };
});

/** Makes a version the one new ratings are computed with. */
export const activateRuleSetAction = safeAction({ schema: z.object({ version: versionName }), ...office }, (input, { db, actor }) => {
  activateRatingRuleSet(db, actor, input.version, new Date());
  revalidatePath('/ratings', 'layout');
  return { version: input.version };
});
