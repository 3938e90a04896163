import path from 'node:path';
import type { Db } from '@/db/tx';
import { env, type Env } from '@/server/env';
import { backupDatabase, backupDir, backupFileName, backupKind, pruneBackups } from '@/platform/backup/backup';
import { formatDate, HOUR_MS } from '@/domain/time/shanghai';
import { runJob, type Job } from './runner';

/** The nightly backup is due at 03:00 Asia/Shanghai; its period is the local day whose 03:00 last passed. */
export const BACKUP_HOUR = 3;

export function backupPeriod(now: Date): string {
  // formatDate gives the Shanghai date: shifting by three hours makes 00:00–02:59 belong to the day before.
  return formatDate(new Date(now.getTime() - BACKUP_HOUR * HOUR_MS));
}

/**
 * Nightly: an online backup of the database into FENGHUO_BACKUP_DIR (default `backups/` beside it), then
 * only the newest FENGHUO_BACKUP_KEEP are kept. On PostgreSQL a pg_dump archive (`.dump`); the period is
 * claimed in the database, so with several servers one of them makes it. FENGHUO_BACKUP_KEEP=0 turns it off. A server that was down
 * at 03:00 makes the missed backup at start (the period is claimed, so once). The settings are read at
 * each run unless given.
 */
export function backupJob(given?: Env): Job {
  const config = () => given ?? env();
  return {
    name: 'backup',
    schedule: `0 ${BACKUP_HOUR} * * *`,
    claim: 'period',
    period: (now) =>
      config().FENGHUO_BACKUP_KEEP === 0 || (!config().FENGHUO_DATABASE_URL && config().FENGHUO_DB === ':memory:')
        ? null
        : backupPeriod(now),
    async run(db, _day, now) {
      const dir = backupDir(config());
      // The database the job was handed decides the kind: a SQLite file, or pg_dump's archive on PostgreSQL.
      const kind = backupKind(db.file);
      const result = await backupDatabase(db, path.join(dir, backupFileName(now, kind)));
      const removed = pruneBackups(dir, config().FENGHUO_BACKUP_KEEP, kind);
      console.log(
        `[jobs] backup ${path.basename(result.file)}: ${(result.bytes / 1024 / 1024).toFixed(1)} MB in ${Math.round(result.ms)} ms` +
          (removed.length ? `; removed ${removed.length} older` : ''),
      );
    },
  };
}

export const nightlyBackup = (db: Db, now = new Date(), config?: Env) => runJob(db, backupJob(config), now);
