'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import type { Actor } from '@/domain/auth/actor';
import { canManageRatings } from '@/domain/auth/rating-permissions';
import { alertRuleFormSchema } from '@/domain/rule-sets/alert-texts';
import type { RuleSetKind } from '@/domain/rule-sets/kinds';
import { ruleSetFormSchema } from '@/domain/rule-sets/rating-texts';
import { activateRuleSet, copyRuleSet, updateRuleSet } from '@/features/rule-sets/service';
import { safeAction } from '@/server/actions/safe-action';

// The office's rule-set actions, the same three for each kind; only the pages they refresh differ. A new
// version's pages are under the kind's rules page; activating changes what the whole area shows.

const office = { allow: (actor: Actor) => canManageRatings(actor.role) };
const versionName = z.string().trim().min(1).max(64);
const area: Record<RuleSetKind, string> = { rating: '/ratings', alerts: '/alerts' };

const copy = (kind: RuleSetKind) =>
  safeAction({ schema: z.object({ from: versionName, version: versionName }), ...office }, async (input, { db, actor }) => {
    const version = await copyRuleSet(db, kind, actor, input.from, input.version, new Date());
    revalidatePath(`${area[kind]}/rules`, 'layout');
    return { version };
  });

const activate = (kind: RuleSetKind) =>
  safeAction({ schema: z.object({ version: versionName }), ...office }, async (input, { db, actor }) => {
    await activateRuleSet(db, kind, actor, input.version, new Date());
    revalidatePath(area[kind], 'layout');
    return { version: input.version };
  });

/** Copies a rating version to a new, inactive one. */
export const copyRuleSetAction = copy('rating');

/** Saves the edited numbers of an inactive, unused version; every field is validated by the rule-set schema. */
export const updateRuleSetAction = safeAction({ schema: ruleSetFormSchema, ...office }, async (ruleSet, { db, actor }) => {
  await updateRuleSet(db, 'rating', actor, ruleSet, new Date());
  revalidatePath('/ratings/rules', 'layout');
  return { version: ruleSet.version };
});

/** Makes a rating version the one new ratings are computed with. */
export const activateRuleSetAction = activate('rating');

export const copyAlertRuleSetAction = copy('alerts');

/** Saves the rules of an inactive alert version. */
export const updateAlertRuleSetAction = safeAction({ schema: alertRuleFormSchema, ...office }, async (rules, { db, actor }) => {
  await updateRuleSet(db, 'alerts', actor, rules, new Date());
  revalidatePath('/alerts/rules', 'layout');
  return { version: rules.version };
});

export const activateAlertRuleSetAction = activate('alerts');
