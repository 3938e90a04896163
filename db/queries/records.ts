import { and, count, desc, eq } from 'drizzle-orm';
import type { Db } from '../client';
import { assessmentDimensions, units } from '../schema';
import type { Scope } from '@/lib/auth/scope-types';
import { inScope } from './scope-filter';
import { recordKinds, type RecordKind } from './record-kinds';

export interface RecordListRow {
  id: number;
  externalId: string;
  unitCode: string;
  unitName: string;
  unitNameEn: string | null;
  date: Date | null;
  label: string | number | null;
  status: string;
  domain: string | null;
}

export interface RecordPage {
  rows: RecordListRow[];
  total: number;
  page: number;
  pageSize: number;
}

/** One page of a kind's records in the caller's scope, newest first. */
export function listRecords(db: Db, scope: Scope, kind: RecordKind, opts: { page?: number; pageSize?: number } = {}): RecordPage {
  const k = recordKinds[kind];
  const pageSize = Math.min(Math.max(opts.pageSize ?? 50, 1), 200);
  const page = Math.max(opts.page ?? 1, 1);
  const where = inScope(k.table.unitId, scope);
  const total = db.select({ n: count() }).from(k.table).where(where).get()?.n ?? 0;
  const rows = db
    .select({
      id: k.table.id,
      externalId: k.table.externalId,
      unitCode: units.code,
      unitName: units.name,
      unitNameEn: units.nameEn,
      date: k.date,
      label: k.label,
      status: k.status,
      ...(k.domain ? { domain: k.domain } : {}),
    })
    .from(k.table)
    .innerJoin(units, eq(units.id, k.table.unitId))
    .where(where)
    .orderBy(desc(k.date), desc(k.table.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .all()
    .map((r) => ({ domain: null, ...r }) as RecordListRow);
  return { rows, total, page, pageSize };
}

export type RecordAccess =
  | {
      status: 'ok';
      record: Record<string, unknown>;
      unit: typeof units.$inferSelect;
      dimensions?: (typeof assessmentDimensions.$inferSelect)[];
    }
  | { status: 'forbidden' }
  | { status: 'missing' };

/**
 * One record for a caller. A record outside the caller's scope is refused plainly and nothing of it is
 * read. For a caller limited to part of the academy a missing id is refused the same way, so probing ids
 * cannot tell which exist elsewhere (ids are sequential: that would leak how many records others have).
 */
export function readRecord(db: Db, scope: Scope, kind: RecordKind, id: number): RecordAccess {
  const k = recordKinds[kind];
  const found = db
    .select({ record: k.table, unit: units })
    .from(k.table)
    .innerJoin(units, eq(units.id, k.table.unitId))
    .where(and(eq(k.table.id, id), inScope(k.table.unitId, scope)))
    .get();
  if (!found) return scope.all ? { status: 'missing' } : { status: 'forbidden' };
  const dimensions =
    kind === 'assessments'
      ? db.select().from(assessmentDimensions).where(eq(assessmentDimensions.assessmentId, id)).orderBy(assessmentDimensions.id).all()
      : undefined;
  return { status: 'ok', record: found.record as Record<string, unknown>, unit: found.unit, dimensions };
}
