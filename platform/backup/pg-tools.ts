import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { BackupError } from './backup-error';

// PostgreSQL's own tools for backup and restore (issue 16 item 4): pg_dump and pg_restore of the server's
// major version or newer (an older pg_dump refuses a newer server), found as Debian installs them
// (/usr/lib/postgresql/<major>/bin) or on PATH. The connection goes to them through libpq's environment,
// never on the command line, where every user of the machine could read a password (ps).

const DEBIAN = '/usr/lib/postgresql';

/** The major version a tool reports (`pg_dump (PostgreSQL) 15.4` → 15), or null when it does not run. */
function toolMajor(file: string): number | null {
  const out = spawnSync(file, ['--version'], { encoding: 'utf8' });
  const match = out.status === 0 ? /\(PostgreSQL\)\s+(\d+)/.exec(out.stdout) : null;
  return match ? Number(match[1]) : null;
}

/**
 * `name` (pg_dump, pg_restore) for a server of major version `major`: the same major under /usr/lib/postgresql
 * first, then PATH's if it is new enough, then the newest installed one that is.
 */
export function findPgTool(name: string, major: number): string {
  const installed = fs.existsSync(DEBIAN)
    ? fs
        .readdirSync(DEBIAN)
        .filter((v) => /^\d+$/.test(v) && fs.existsSync(path.join(DEBIAN, v, 'bin', name)))
        .map(Number)
        .sort((a, b) => a - b)
    : [];
  if (installed.includes(major)) return path.join(DEBIAN, String(major), 'bin', name);
  const onPath = toolMajor(name);
  if (onPath !== null && onPath >= major) return name;
  const newer = installed.filter((v) => v >= major).pop();
  if (newer !== undefined) return path.join(DEBIAN, String(newer), 'bin', name);
  throw new BackupError(
    `${name} for PostgreSQL ${major} or newer was not found (on PATH or in ${DEBIAN}/<version>/bin); ` +
      `install the client tools of the server's version, e.g. apt-get install postgresql-client-${major}.`,
  );
}

/** URL parameters node-postgres and libpq both understand, by libpq's environment variable. */
const PARAMS: Record<string, string> = {
  sslmode: 'PGSSLMODE',
  sslrootcert: 'PGSSLROOTCERT',
  sslcert: 'PGSSLCERT',
  sslkey: 'PGSSLKEY',
  application_name: 'PGAPPNAME',
  host: 'PGHOST',
};

/**
 * libpq's environment for a postgres:// URL: host, port, user, password (PGPASSWORD), database and the
 * TLS settings. PG* variables of the calling environment are dropped, so that nothing but the URL decides
 * where the tools connect.
 */
export function libpqEnv(url: string, base: Record<string, string | undefined> = process.env): NodeJS.ProcessEnv {
  const u = new URL(url);
  const env = Object.fromEntries(Object.entries(base).filter(([k]) => !k.startsWith('PG'))) as NodeJS.ProcessEnv;
  if (u.hostname) env.PGHOST = decodeURIComponent(u.hostname.replace(/^\[(.*)\]$/, '$1'));
  if (u.port) env.PGPORT = u.port;
  if (u.username) env.PGUSER = decodeURIComponent(u.username);
  if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (database) env.PGDATABASE = database;
  for (const [param, variable] of Object.entries(PARAMS)) {
    const value = u.searchParams.get(param);
    // node-postgres' `no-verify` is libpq's `require`: encrypted, certificate not checked.
    if (value) env[variable] = param === 'sslmode' && value === 'no-verify' ? 'require' : value;
  }
  return env;
}

/** Runs a tool with libpq's environment for `url`; its stderr becomes the error (it never holds the password). */
export function runPgTool(file: string, args: string[], url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, ['--no-password', ...args], { env: libpqEnv(url), maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new BackupError(`${path.basename(file)} failed: ${stderr.trim() || error.message}`));
      else resolve(stdout);
    });
  });
}
