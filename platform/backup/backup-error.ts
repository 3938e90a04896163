import fs from 'node:fs';

/** A backup or restore refused or failed for a reason the operator can act on (the CLI exits 2 with it). */
export class BackupError extends Error {}

/** Flushes a file, or a folder's entries (so a rename survives a power cut), to the disk. */
export function fsyncPath(file: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Some file systems refuse to fsync a folder; the data itself was synced already.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
