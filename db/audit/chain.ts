import { createHash } from 'node:crypto';

// The audit log is a hash chain: each entry's hash covers its content and the previous entry's hash, so
// changing, removing or reordering any entry breaks every hash after it (`npm run cli -- audit verify`).

export interface AuditContent {
  at: number;
  actorUserId: number | null;
  action: string;
  entityKind: string;
  entityId: number | null;
  unitId: number | null;
  before: unknown;
  after: unknown;
}

/** JSON with keys in a fixed order at every depth, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function entryHash(prevHash: string | null, content: AuditContent): string {
  return createHash('sha256')
    .update(prevHash ?? 'genesis')
    .update('\n')
    .update(canonicalJson(content))
    .digest('hex');
}

/** A record's values as stored in the log: dates as ISO strings, so what is hashed is what is kept. */
export function auditValues(row: Record<string, unknown> | null | undefined): Record<string, unknown> | null {
  if (!row) return null;
  return JSON.parse(canonicalJson(row)) as Record<string, unknown>;
}
