// Whether a statement was refused by a UNIQUE index or key, on either engine: SQLite says "UNIQUE constraint
// failed" (code SQLITE_CONSTRAINT_UNIQUE or _PRIMARYKEY), PostgreSQL answers SQLSTATE 23505. drizzle wraps
// the driver's error (DrizzleQueryError), so the causes are read too.

const SQLITE_UNIQUE = /^SQLITE_CONSTRAINT_(UNIQUE|PRIMARYKEY)$/;

export function isUniqueViolation(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (code === '23505' || (typeof code === 'string' && SQLITE_UNIQUE.test(code))) return true;
    if (String(e).includes('UNIQUE constraint failed')) return true;
  }
  return false;
}
