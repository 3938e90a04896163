import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { env } from '@/lib/env';
import { DAY_MS } from '@/lib/time';

// An uploaded spreadsheet waits here between its preview and the user's confirmation, so confirming
// imports exactly the file that was previewed without sending it again. Kept beside the database.

export interface StagedImport {
  id: string;
  userId: number;
  kind: string;
  format: 'xlsx' | 'csv';
  name: string;
  stagedAt: number;
}

function dir(): string {
  return path.join(path.dirname(path.resolve(env().FENGHUO_DB)), 'imports');
}

export function stageImport(file: Buffer, meta: Omit<StagedImport, 'id' | 'stagedAt'>): StagedImport {
  fs.mkdirSync(dir(), { recursive: true });
  const staged: StagedImport = { ...meta, id: randomUUID(), stagedAt: Date.now() };
  fs.writeFileSync(path.join(dir(), `${staged.id}.bin`), file, { mode: 0o600 });
  fs.writeFileSync(path.join(dir(), `${staged.id}.json`), JSON.stringify(staged), { mode: 0o600 });
  return staged;
}

/** The staged file of this user, or null (unknown id, another user's upload, or expired). */
export function readStaged(id: string, userId: number): { meta: StagedImport; file: Buffer } | null {
  if (!/^[0-9a-f-]{36}$/.test(id)) return null;
  try {
    const meta = JSON.parse(fs.readFileSync(path.join(dir(), `${id}.json`), 'utf8')) as StagedImport;
    if (meta.userId !== userId || Date.now() - meta.stagedAt > DAY_MS) return null;
    return { meta, file: fs.readFileSync(path.join(dir(), `${id}.bin`)) };
  } catch {
    return null;
  }
}

export function dropStaged(id: string): void {
  for (const ext of ['bin', 'json']) fs.rmSync(path.join(dir(), `${id}.${ext}`), { force: true });
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
