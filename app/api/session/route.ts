import { NextResponse } from 'next/server';
import { currentActor } from '@/server/auth/current-actor';
import { getDb } from '@/db/client';
import { unreadAlertCount } from '@/db/alerts/alerts';

export const dynamic = 'force-dynamic';

/**
 * The two things in the page header that belong to the person rather than to their role and unit: their
 * name and their unread alerts. Pages are shared by everyone of one role and unit (the page cache,
 * decision 021), so the header fetches these itself, and refreshes the count while the page stays open.
 */
export async function GET(): Promise<NextResponse> {
  const actor = await currentActor();
  if (!actor) return NextResponse.json({ error: { code: 'unauthenticated' } }, { status: 401 });
  return NextResponse.json(
    { displayName: actor.displayName, unread: await unreadAlertCount(getDb(), actor) },
    { headers: { 'Cache-Control': 'no-store' } },
  );
}
