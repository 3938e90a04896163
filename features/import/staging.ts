import { randomUUID } from 'node:crypto';
import type { Db } from '@/db/tx';
import { deleteExpiredStaged, deleteStaged, insertStaged, stagedOf, stagedUsage } from '@/db/import/staged';
import { lockKey } from '@/db/sql/locks';
import type { StagedImportMeta } from '@/db/schema';
import { env } from '@/server/env';
import { DAY_MS } from '@/domain/time/shanghai';

// An uploaded spreadsheet waits in the database between its preview and the user's confirmation, so
// confirming imports exactly the file that was previewed without sending it again, through whichever app
// server answers (issue 16). Bounded per user and in total (decision 025): the upload route removes a
// refused preview's upload at once, an expired one can no longer be confirmed, and the daily housekeeping
// (or the next upload) removes it.

export interface StagedImport extends StagedImportMeta {
  id: string;
  userId: number;
  stagedAt: number;
}

export interface StagingBounds {
  perUserBytes: number;
  totalBytes: number;
}

/** Each staged upload counts as at least this much, so tiny uploads cannot pile up by the million. */
const MIN_CHARGE = 64 * 1024;

/** There is no room for this upload: the user's own bound (`user`) or the installation's (`total`). */
export class StagingFull extends Error {
  constructor(
    readonly scope: 'user' | 'total',
    readonly limitBytes: number,
    /** When the first upload that counts against the bound expires. */
    readonly retryAfterSeconds: number,
  ) {
    super(`staged uploads are at their ${scope} bound of ${limitBytes} bytes`);
  }
}

export function stagingBounds(): StagingBounds {
  const config = env();
  return { perUserBytes: config.FENGHUO_STAGED_MB_PER_USER * 1024 * 1024, totalBytes: config.FENGHUO_STAGED_MB_TOTAL * 1024 * 1024 };
}

/**
 * Stores an upload, or throws StagingFull when it would pass a bound. The sums and the insert are one write
 * transaction, so two uploads (on one server or two) cannot both take the last room.
 */
export function stageImport(
  db: Db,
  file: Buffer,
  meta: StagedImportMeta & { userId: number },
  bounds = stagingBounds(),
  now = new Date(),
): Promise<StagedImport> {
  const { userId, ...described } = meta;
  const staged: StagedImport = { ...described, userId, id: randomUUID(), stagedAt: now.getTime() };
  const size = Math.max(MIN_CHARGE, file.length + Buffer.byteLength(JSON.stringify(described)));
  const retryAfter = (first: Date | null) => Math.max(1, Math.ceil(((first?.getTime() ?? now.getTime() + DAY_MS) - now.getTime()) / 1000));
  return db.transaction(async (tx) => {
    // On PostgreSQL two servers' uploads would otherwise both read the sums before either inserts (decision 047).
    await lockKey(tx, 'staged-imports');
    // Expired uploads hold no room: gone here already, so what is stored never passes the total either.
    await deleteExpiredStaged(tx, now);
    const mine = await stagedUsage(tx, now, userId);
    if (mine.bytes + size > bounds.perUserBytes) throw new StagingFull('user', bounds.perUserBytes, retryAfter(mine.firstExpiry));
    const all = await stagedUsage(tx, now);
    if (all.bytes + size > bounds.totalBytes) throw new StagingFull('total', bounds.totalBytes, retryAfter(all.firstExpiry));
    const expiresAt = new Date(now.getTime() + DAY_MS);
    await insertStaged(tx, { id: staged.id, ownerUserId: userId, meta: described, bytes: file, size, stagedAt: now, expiresAt });
    return staged;
  });
}

const isStagedId = (id: string) => /^[0-9a-f-]{36}$/.test(id);

/** The staged upload of this user, or null (unknown id, another user's upload, or expired). */
export async function readStaged(
  db: Db,
  id: string,
  userId: number,
  now = new Date(),
): Promise<{ meta: StagedImport; file: Buffer } | null> {
  if (!isStagedId(id)) return null;
  const found = await stagedOf(db, id, userId, now);
  if (!found) return null;
  const { kind, format, name } = found.meta;
  return { meta: { id, userId, kind, format, name, stagedAt: found.stagedAt.getTime() }, file: found.bytes };
}

/** Removes this user's staged upload (another user's stays). */
export async function dropStaged(db: Db, id: string, userId: number): Promise<void> {
  if (isStagedId(id)) await db.transaction((tx) => deleteStaged(tx, id, userId));
}

/** Housekeeping: uploads never confirmed are removed once expired, a day after their preview. */
export function purgeStaged(db: Db, now = new Date()): Promise<number> {
  return db.transaction((tx) => deleteExpiredStaged(tx, now));
}
