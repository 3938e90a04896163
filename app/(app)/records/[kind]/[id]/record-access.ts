import { forbidden, notFound } from 'next/navigation';
import { getDb } from '@/db/client';
import { readRecord } from '@/db/queries/records';
import { isRecordKind } from '@/db/queries/record-kinds';
import { requireActor } from '@/lib/auth/current-actor';

// A record's pages (view, edit, correct) answer a record outside the reader's scope with 403 and a missing
// one with 404 (issue 14, item 19), each with the (app) segment's friendly page (forbidden.tsx,
// not-found.tsx). The check also runs in generateMetadata: metadata is resolved before the first byte goes
// out (next.config.js, htmlLimitedBots), whereas the page's body renders after the loading skeleton has
// been sent, with status 200 already fixed.

type Params = Promise<{ kind: string; id: string }>;

/** The record the address names, in the reader's scope; otherwise the page ends with 403 or 404. */
export async function accessibleRecord(params: Params) {
  const actor = await requireActor();
  const { kind, id } = await params;
  if (!isRecordKind(kind) || !/^\d{1,15}$/.test(id)) notFound();
  const access = readRecord(getDb(), actor.scope, kind, Number(id));
  if (access.status === 'forbidden') forbidden();
  if (access.status === 'missing') notFound();
  return { actor, kind, access };
}

/** generateMetadata of a record's pages: only the access check, before anything is sent. */
export async function recordPageMetadata({ params }: { params: Params }) {
  await accessibleRecord(params);
  return {};
}
