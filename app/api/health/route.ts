import { getDb } from '@/db/client';
import { isMigrated } from '@/db/migrate';

export const dynamic = 'force-dynamic';

/** `{"status":"ok"}` once the database is reachable and every migration has been applied. */
export async function GET(): Promise<Response> {
  try {
    if (await isMigrated(getDb())) return Response.json({ status: 'ok' });
    return Response.json({ status: 'migrating' }, { status: 503 });
  } catch (error) {
    console.error('[health]', error);
    return Response.json({ status: 'unavailable' }, { status: 503 });
  }
}
