import { inArray } from 'drizzle-orm';
import type { Queryable } from '@/db/tx';
import { projects, units } from '@/db/schema';
import { formatDateTime } from '@/domain/time/shanghai';
import { dimensionKey, dimensionRows, type DimensionInput } from '@/features/records/assessment-dimensions';
import { CHANGE_DETAIL_LIMIT, shorten } from '@/features/import/change-values';

export { CHANGE_DETAIL_LIMIT, VALUE_DISPLAY_CHARS, visibleText } from '@/features/import/change-values';

// What a dry run would do to each record, beyond the counts (issue 14 item 6): which records would be
// created, and for each record that would be updated, which fields from what to what. Plain data (it
// crosses from the import pool's worker by structured clone) and bounded whatever the batch's size.

/** One field that would change, both values as display text (null: empty). */
export interface FieldChange {
  /** The API's field name (`unitCode`, not the column `unitId`); `dimensions.<code>` for an assessment's dimension. */
  field: string;
  from: string | null;
  to: string | null;
}

export interface RecordChange {
  /** The item's position in the batch. */
  index: number;
  externalId: string;
  fields: FieldChange[];
}

export interface ChangeList {
  /** The first CHANGE_DETAIL_LIMIT records that would be updated, in batch order. */
  updated: RecordChange[];
  /** The first CHANGE_DETAIL_LIMIT records that would be created, in batch order. */
  created: { index: number; externalId: string }[];
}

/** What submit.ts plans for one item (the fields this list needs). */
export interface PlannedItem {
  index: number;
  input: { externalId: string; unitCode: string; projectExternalId?: string | null };
  values: Record<string, unknown>;
  existing?: Record<string, unknown> & { id: number };
  changed: string[];
  dimensionsChanged: boolean;
  outcome: 'created' | 'updated' | 'unchanged';
}

/** The change list of a planned batch; `apiName` names a column as the API does. */
export async function listChanges(tx: Queryable, plan: readonly PlannedItem[], apiName: (column: string) => string): Promise<ChangeList> {
  const created: ChangeList['created'] = [];
  const updating: PlannedItem[] = [];
  for (const p of plan) {
    if (p.outcome === 'created' && created.length < CHANGE_DETAIL_LIMIT)
      created.push({ index: p.index, externalId: shorten(p.input.externalId) });
    if (p.outcome === 'updated' && updating.length < CHANGE_DETAIL_LIMIT) updating.push(p);
    if (created.length === CHANGE_DETAIL_LIMIT && updating.length === CHANGE_DETAIL_LIMIT) break;
  }
  const names = await referenceNames(tx, updating);
  const updated: RecordChange[] = [];
  for (const p of updating)
    updated.push({
      index: p.index,
      externalId: shorten(p.input.externalId),
      fields: [
        ...p.changed.map((column) => columnChange(p, column, apiName, names)),
        ...(p.dimensionsChanged ? await dimensionChanges(tx, p) : []),
      ],
    });
  return { updated, created };
}

interface Names {
  unit: Map<number, string>;
  project: Map<number, string>;
}

/** A unit and a project are said by their codes, as the file and the API give them, never by internal ids. */
async function referenceNames(tx: Queryable, plan: PlannedItem[]): Promise<Names> {
  const ids = (column: string) =>
    [...new Set(plan.filter((p) => p.changed.includes(column)).map((p) => p.existing![column] as number | null))].filter(
      (id): id is number => typeof id === 'number',
    );
  const unitIds = ids('unitId');
  const projectIds = ids('projectId');
  const unitRows = unitIds.length ? await tx.select({ id: units.id, code: units.code }).from(units).where(inArray(units.id, unitIds)) : [];
  const projectRows = projectIds.length
    ? await tx.select({ id: projects.id, code: projects.externalId }).from(projects).where(inArray(projects.id, projectIds))
    : [];
  return { unit: new Map(unitRows.map((r) => [r.id, r.code])), project: new Map(projectRows.map((r) => [r.id, r.code])) };
}

function columnChange(p: PlannedItem, column: string, apiName: (column: string) => string, names: Names): FieldChange {
  const before = p.existing![column];
  if (column === 'unitId')
    return { field: apiName(column), from: names.unit.get(before as number) ?? null, to: displayValue(p.input.unitCode) };
  if (column === 'projectId')
    return {
      field: apiName(column),
      from: before == null ? null : (names.project.get(before as number) ?? null),
      to: displayValue(p.input.projectExternalId),
    };
  return { field: apiName(column), from: displayValue(before), to: displayValue(p.values[column]) };
}

/** An assessment's dimensions that differ: added, removed or rescored, one entry per dimension code. */
async function dimensionChanges(tx: Queryable, p: PlannedItem): Promise<FieldChange[]> {
  const after = (p.input as unknown as { dimensions: DimensionInput[] }).dimensions;
  const before = p.existing ? await dimensionRows(tx, p.existing.id) : [];
  const say = (d: DimensionInput | undefined) =>
    d ? shorten([`${d.likelihood} × ${d.impact}`, ...[d.riskPoints, d.consequences, d.measures].filter((t) => t)].join('; ')) : null;
  const codes = [...new Set([...before, ...after].map((d) => d.dimension))].sort();
  const out: FieldChange[] = [];
  for (const code of codes) {
    const from = say(before.find((d) => d.dimension === code));
    const to = say(after.find((d) => d.dimension === code));
    // Compared as submit.ts compares them (absent and null texts alike).
    const key = (list: DimensionInput[]) => dimensionKey(list.filter((d) => d.dimension === code));
    if (key(before) !== key(after)) out.push({ field: `dimensions.${code}`, from, to });
  }
  return out;
}

/** A stored or submitted value as display text: instants in Beijing time (as spreadsheets give them), text shortened. */
export function displayValue(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) {
    const seconds = value.getUTCSeconds();
    return formatDateTime(value) + (seconds ? `:${String(seconds).padStart(2, '0')}` : '');
  }
  return shorten(String(value));
}
