import { forbidden, notFound } from 'next/navigation';
import { getDb } from '@/db/client';
import { readRecord } from '@/db/records/read';
import { isRecordKind } from '@/db/records/record-kinds';
import { requireActor } from '@/server/auth/current-actor';

// A record's pages (view, edit, correct) end with forbidden() for a record outside the reader's scope (and,
// for a reader with a scope, a missing one: no id's existence is given away) and notFound() for a missing one
// (issue 14, item 19), each rendered by the (app) segment's friendly page (forbidden.tsx, not-found.tsx),
// with status 403 or 404: the (decided) group has no loading skeleton to stream first (decision 035).

type Params = Promise<{ kind: string; id: string }>;

/** The record the address names, in the reader's scope; otherwise the page ends with 403 or 404. */
export async function accessibleRecord(params: Params) {
  const actor = await requireActor();
  const { kind, id } = await params;
  if (!isRecordKind(kind) || !/^\d{1,15}$/.test(id)) notFound();
  const access = await readRecord(getDb(), actor.scope, kind, Number(id));
  if (access.status === 'forbidden') forbidden();
  if (access.status === 'missing') notFound();
  return { actor, kind, access };
}
