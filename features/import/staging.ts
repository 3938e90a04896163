import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { env } from '@/server/env';
import { DAY_MS } from '@/domain/time/shanghai';

// An uploaded spreadsheet waits here between its preview and the user's confirmation, so confirming
// imports exactly the file that was previewed without sending it again. Kept beside the database, and
// bounded per user and in total (decision 025): the upload route removes a refused preview's file at once,
// the daily purge the abandoned ones.

export interface StagedImport {
  id: string;
  userId: number;
  kind: string;
  format: 'xlsx' | 'csv';
  name: string;
  stagedAt: number;
}

export interface StagingBounds {
  perUserBytes: number;
  totalBytes: number;
}

/** Each staged file counts as at least this much, so their number stays small enough to add up by listing the folder. */
const MIN_CHARGE = 64 * 1024;

/** There is no room for this upload: the user's own bound (`user`) or the installation's (`total`). */
export class StagingFull extends Error {
  constructor(
    readonly scope: 'user' | 'total',
    readonly limitBytes: number,
    /** When the oldest upload that counts against the bound is purged, at the latest. */
    readonly retryAfterSeconds: number,
  ) {
    super(`staged uploads are at their ${scope} bound of ${limitBytes} bytes`);
  }
}

export function stagingBounds(): StagingBounds {
  const config = env();
  return { perUserBytes: config.FENGHUO_STAGED_MB_PER_USER * 1024 * 1024, totalBytes: config.FENGHUO_STAGED_MB_TOTAL * 1024 * 1024 };
}

function dir(): string {
  return path.join(path.dirname(path.resolve(env().FENGHUO_DB)), 'imports');
}

// The owner is in the name, so adding up a user's share needs only the folder's listing.
const fileOf = (userId: number, id: string, ext: 'bin' | 'json') => path.join(dir(), `u${userId}.${id}.${ext}`);

/**
 * Stores an upload, or throws StagingFull when it would pass a bound. The check and the writes are
 * synchronous, so two uploads in one process cannot both take the last room.
 */
export function stageImport(file: Buffer, meta: Omit<StagedImport, 'id' | 'stagedAt'>, bounds = stagingBounds()): StagedImport {
  fs.mkdirSync(dir(), { recursive: true });
  const staged: StagedImport = { ...meta, id: randomUUID(), stagedAt: Date.now() };
  const description = JSON.stringify(staged);
  const cost = charge(file.length) + charge(Buffer.byteLength(description));
  const used = usage(meta.userId);
  const retryAfter = (oldest: number) => Math.max(1, Math.ceil((oldest + DAY_MS - Date.now()) / 1000));
  if (used.mine + cost > bounds.perUserBytes) throw new StagingFull('user', bounds.perUserBytes, retryAfter(used.oldestMine));
  if (used.total + cost > bounds.totalBytes) throw new StagingFull('total', bounds.totalBytes, retryAfter(used.oldest));
  fs.writeFileSync(fileOf(meta.userId, staged.id, 'bin'), file, { mode: 0o600 });
  fs.writeFileSync(fileOf(meta.userId, staged.id, 'json'), description, { mode: 0o600 });
  return staged;
}

function charge(bytes: number): number {
  return Math.max(bytes, MIN_CHARGE);
}

function usage(userId: number): { mine: number; total: number; oldestMine: number; oldest: number } {
  const out = { mine: 0, total: 0, oldestMine: Date.now(), oldest: Date.now() };
  for (const name of fs.readdirSync(dir())) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(path.join(dir(), name));
    } catch {
      continue; // removed meanwhile by a confirmation or the purge
    }
    if (!stat.isFile()) continue;
    out.total += charge(stat.size);
    out.oldest = Math.min(out.oldest, stat.mtimeMs);
    if (name.startsWith(`u${userId}.`)) {
      out.mine += charge(stat.size);
      out.oldestMine = Math.min(out.oldestMine, stat.mtimeMs);
    }
  }
  return out;
}

/** The staged file of this user, or null (unknown id, another user's upload, or expired). */
export function readStaged(id: string, userId: number): { meta: StagedImport; file: Buffer } | null {
  if (!/^[0-9a-f-]{36}$/.test(id)) return null;
  try {
    const meta = JSON.parse(fs.readFileSync(fileOf(userId, id, 'json'), 'utf8')) as StagedImport;
    if (meta.userId !== userId || Date.now() - meta.stagedAt > DAY_MS) return null;
    return { meta, file: fs.readFileSync(fileOf(userId, id, 'bin')) };
  } catch {
    return null;
  }
}

export function dropStaged(id: string, userId: number): void {
  if (!/^[0-9a-f-]{36}$/.test(id)) return;
  for (const ext of ['bin', 'json'] as const) fs.rmSync(fileOf(userId, id, ext), { force: true });
}

/** Housekeeping: uploads never confirmed are removed after a day. */
export function purgeStaged(now = Date.now()): number {
  let removed = 0;
  if (!fs.existsSync(dir())) return 0;
  for (const name of fs.readdirSync(dir())) {
    const file = path.join(dir(), name);
    if (now - fs.statSync(file).mtimeMs > DAY_MS) {
      fs.rmSync(file, { force: true });
      removed++;
    }
  }
  return removed;
}
