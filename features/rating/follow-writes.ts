import type { Db } from '@/db/tx';

/**
 * The "records changed" event (issue 15, reads never write): called by every write path after its
 * transaction commits; re-rates what the committed writes touched. (Stub while issue 15's conversion runs.)
 */
export async function ratingsFollowWrites(_db: Db, _now: Date = new Date()): Promise<void> {}
