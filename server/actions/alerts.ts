'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { activateAlertRuleSet, copyAlertRuleSet, updateAlertRuleSet } from '@/db/queries/alert-rule-sets';
import { markAllAlertsRead } from '@/db/alerts/alerts';
import { acknowledgeAlert } from '@/features/alerts/acknowledge';
import { canAcknowledgeAlerts } from '@/domain/auth/alert-permissions';
import { alertRuleFormSchema } from '@/domain/rule-sets/alert-texts';
import type { Actor } from '@/domain/auth/actor';
import { canManageRatings } from '@/domain/auth/rating-permissions';
import { safeAction } from '@/server/actions/safe-action';

/** Acknowledges an alert in the actor's scope, with an optional comment (audited). */
export const acknowledgeAlertAction = safeAction(
  {
    schema: z.object({ id: z.coerce.number().int().min(1), comment: z.string().trim().max(1000).optional() }),
    allow: (actor: Actor) => canAcknowledgeAlerts(actor.role),
  },
  (input, { db, actor }) => {
    acknowledgeAlert(db, actor, input.id, input.comment || null, new Date());
    revalidatePath('/alerts', 'layout');
    return { id: input.id };
  },
);

/** Marks every alert in the viewer's scope read for the viewer. */
export const markAllAlertsReadAction = safeAction({ schema: z.object({}), allow: () => true }, (_input, { db, actor }) => {
  const n = markAllAlertsRead(db, actor, new Date());
  revalidatePath('/', 'layout');
  return { n };
});

const office = { allow: (actor: Actor) => canManageRatings(actor.role) };
const versionName = z.string().trim().min(1).max(64);

export const copyAlertRuleSetAction = safeAction(
  { schema: z.object({ from: versionName, version: versionName }), ...office },
  (input, { db, actor }) => {
    const version = copyAlertRuleSet(db, actor, input.from, input.version, new Date());
    revalidatePath('/alerts/rules', 'layout');
    return { version };
  },
);

export const updateAlertRuleSetAction = safeAction({ schema: alertRuleFormSchema, ...office }, (rules, { db, actor }) => {
  updateAlertRuleSet(db, actor, rules, new Date());
  revalidatePath('/alerts/rules', 'layout');
  return { version: rules.version };
});

export const activateAlertRuleSetAction = safeAction({ schema: z.object({ version: versionName }), ...office }, (input, { db, actor }) => {
  activateAlertRuleSet(db, actor, input.version, new Date());
  revalidatePath('/alerts', 'layout');
  return { version: input.version };
});
