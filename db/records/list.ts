import { and, asc, count, desc, eq, like, ne, or, sql } from 'drizzle-orm';
import { alias } from '@/db/sql/alias';
import { first } from '../engine';
import type { DbColumn, Queryable } from '../tx';
import { hazards, incidents, units } from '../schema';
import type { Scope } from '@/domain/auth/actor';
import type { RecordFilters } from '@/domain/records/list-options';
import type { RecordListRow, RecordPage } from '@/domain/records/views';
import { inScope } from '@/db/scope';
import { effectiveTierSql } from '@/db/records/effective-tier-sql';
import { activeRatingRuleSet } from '@/db/rule-sets/rating-rule-sets';
import { recordKinds, type RecordKind } from '@/db/records/record-kinds';
import { dashboardFilters } from './filters';
import { containsText } from '@/db/sql/dialect';

// The text columns the list's search looks in besides the reference (a kind's title, summary or findings).
const searchable: Partial<Record<RecordKind, DbColumn>> = {
  projects: recordKinds.projects.label,
  hazards: recordKinds.hazards.label,
  incidents: recordKinds.incidents.label,
  inspections: recordKinds.inspections.label,
  'ethics-committees': recordKinds['ethics-committees'].label,
  'ethics-activities': recordKinds['ethics-activities'].label,
};

/**
 * One page of a kind's records in the caller's scope, filtered and sorted (newest first unless asked
 * otherwise). A record without its date yet (a planned project, a draft assessment) sorts by when it was
 * entered.
 */
export async function listRecords(
  db: Queryable,
  scope: Scope,
  kind: RecordKind,
  opts: { page?: number; pageSize?: number } & RecordFilters = {},
): Promise<RecordPage> {
  const k = recordKinds[kind];
  const pageSize = Math.min(Math.max(opts.pageSize ?? 50, 1), 200);
  const page = Math.max(opts.page ?? 1, 1);
  // Only projects (start) and assessments (submission) may lack their date; the others sort on the column itself, so its index serves.
  const when = k.date.notNull ? k.date : sql`coalesce(${k.date}, ${k.table.createdAt})`;
  const text = searchable[kind];
  const words = opts.q?.trim();
  const where = and(
    inScope(k.table.unitId, scope),
    opts.status ? eq(k.status as DbColumn, opts.status) : undefined,
    await dashboardFilters(db, kind, opts),
    opts.unitPath ? like(units.path, `${opts.unitPath}%`) : undefined,
    opts.from ? sql`${when} >= ${opts.from.getTime()}` : undefined,
    opts.to ? sql`${when} < ${opts.to.getTime()}` : undefined,
    words
      ? text
        ? or(containsText(db, k.table.externalId, words), containsText(db, text, words))
        : containsText(db, k.table.externalId, words)
      : undefined,
  );
  const total = first(await db.select({ n: count() }).from(k.table).innerJoin(units, eq(units.id, k.table.unitId)).where(where))?.n ?? 0;
  const direction = opts.dir === 'asc' ? asc : desc;
  const sortColumn = opts.sort === 'externalId' ? k.table.externalId : opts.sort === 'status' ? k.status : when;
  const institute = alias(units, 'institute');
  const tier = kind === 'incidents' ? effectiveTierSql(await activeRatingRuleSet(db)) : undefined;
  const found = await db
    .select({
      id: k.table.id,
      externalId: k.table.externalId,
      unitCode: units.code,
      unitName: units.name,
      unitNameEn: units.nameEn,
      instituteCode: institute.code,
      instituteName: institute.name,
      instituteNameEn: institute.nameEn,
      date: k.date,
      label: k.label,
      status: k.status,
      ...(k.domain ? { domain: k.domain } : {}),
      ...(tier ? { tier, reportedTier: incidents.tier } : {}),
      ...(kind === 'hazards' ? { severity: hazards.severity, dueAt: hazards.dueAt } : {}),
    })
    .from(k.table)
    .innerJoin(units, eq(units.id, k.table.unitId))
    // A department's name alone ("综合办公室") says nothing without its institute.
    .leftJoin(institute, and(eq(institute.id, units.instituteId), ne(institute.id, units.id)))
    .where(where)
    .orderBy(direction(sortColumn), direction(k.table.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const rows = found.map((r) => ({ domain: null, ...r }) as RecordListRow);
  return { rows, total, page, pageSize };
}
