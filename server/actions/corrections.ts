'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { canReview } from '@/domain/auth/roles';
import { acceptCorrection, refuseCorrection, type Decided } from '@/features/records/corrections';
import { recordAction } from '@/server/actions/safe-action';

// A reviewer's decision on a proposed correction (decision 023). The role is checked here so leadership
// and reporters are refused before anything runs; the seal's level, the proposer and the scope are
// checked with the record in features/records/corrections.ts.

const schema = z.object({
  id: z.coerce.number().int().positive(),
  decision: z.enum(['accept', 'refuse']),
  comment: z.string().max(10_000).optional(),
});

export const decideCorrectionAction = recordAction({ schema, allow: (actor) => canReview(actor.role) }, async (input, { actor, db }) => {
  const now = new Date();
  const decided: Decided =
    input.decision === 'accept'
      ? await acceptCorrection(db, actor, input.id, input.comment ?? null, now)
      : await refuseCorrection(db, actor, input.id, input.comment ?? '', now);
  revalidatePath(`/records/${decided.kind}/${decided.recordId}`);
  revalidatePath('/records/corrections');
  return decided;
});
