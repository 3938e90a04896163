import type { Db } from '@/db/tx';
import { listDimensions, listDomains } from '@/db/reference/reference';
import type { RecordKind } from '@/db/records/record-kinds';
import type { Actor } from '@/domain/auth/actor';
import { readTable, ImportFileError, type ImportFormat, type ImportProblem, type TableRow } from '@/platform/spreadsheets/read/read-table';
import type { TextBudget } from '@/platform/spreadsheets/read/text-budget';
import type { ColumnSpec } from '@/platform/spreadsheets/read/columns';
import type { Locale } from '@/domain/i18n/locales';
import { translate } from '@/domain/i18n/translate';
import { typedFromText, type FieldSpec } from '@/domain/records/fields';
import { kindDefs } from '@/features/records/kinds';
import { labelAliases, labelKey, optionLabels } from '@/domain/records/enum-labels';
import { submitRecords, SubmissionRefused } from '@/features/records/submit';
import type { ChangeList, RecordChange } from '@/features/import/change-list';
import { ratingsFollowWrites } from '@/features/rating/follow-writes';

/** One bad cell or row, where the user finds it in the file. */
export interface ImportRowProblem {
  row: number;
  column: string;
  say: (locale: Locale) => string;
}

export type ImportPhase = 'reading' | 'validating' | 'writing';

export interface ImportOptions {
  dryRun: boolean;
  now: Date;
  onPhase?: (phase: ImportPhase, detail: { rows?: number }) => void;
}

export interface ImportReport {
  /** False when the file or any row was refused: then nothing was (or would be) stored. */
  ok: boolean;
  fileError?: { say: (locale: Locale) => string };
  problems: ImportRowProblem[];
  /** Data rows read from the file. */
  rows: number;
  /** Records they make (an assessment spans one row per dimension). */
  records: number;
  created: number;
  updated: number;
  unchanged: number;
  dryRun: boolean;
  /** Sheet rows of new incidents that will count as late only because "Reported at" is empty (decision 033). */
  lateByDefault: { rows: number[]; points: number };
  /** A dry run's records that would change, each at its (first) sheet row (bounded: change-list.ts). */
  changes?: ImportChanges;
}

/** A ChangeList located in the file: the row a record starts on instead of its position in the batch. */
export interface ImportChanges {
  updated: (Omit<RecordChange, 'index'> & { row: number })[];
  created: { row: number; externalId: string }[];
}

/**
 * The columns of a kind's spreadsheet: its field specs with the domain and dimension codes of this
 * installation as the allowed values (they are data, not an enum in code).
 */
export async function importColumns(db: Db, kind: RecordKind): Promise<ColumnSpec[]> {
  const names = (rows: { code: string; nameZh: string; nameEn: string }[]) =>
    new Map(rows.map((r) => [r.code, { zh: r.nameZh, en: r.nameEn }]));
  const reference = { domain: names(await listDomains(db)), dimension: names(await listDimensions(db)) };
  return kindDefs[kind].fields.map((f: FieldSpec) => {
    const options =
      f.type === 'enum'
        ? (f.options ?? (f.code === 'domain' || f.code === 'dimension' ? [...reference[f.code].keys()] : undefined))
        : undefined;
    const labels = options ? optionLabels(f.code, options, reference) : undefined;
    return { ...f, ...(options ? { options } : {}), ...(labels ? { optionLabels: labels } : {}) };
  });
}

/** A coded cell given as a label in either language ("重大", "Major", "Ⅱ级") becomes its code. */
function codesFromLabels(rows: TableRow[], columns: ColumnSpec[]): TableRow[] {
  const aliases = columns
    .filter((c) => c.type === 'enum' && c.options)
    .map((c) => [c.code, labelAliases(c.code, c.options!, { [c.code]: new Map(Object.entries(c.optionLabels ?? {})) })] as const);
  return rows.map((r) => {
    const values = { ...r.values };
    for (const [code, map] of aliases) {
      const v = values[code];
      if (typeof v === 'string') values[code] = map.get(labelKey(v)) ?? v;
    }
    return { ...r, values };
  });
}

/**
 * A file read and turned into submission items, ready to be checked or stored. Plain data, so that it can
 * cross from the import pool's worker to the thread that writes.
 */
export interface ParsedImport {
  /** Data rows read from the file. */
  rows: number;
  /** Cells and rows the reader refused. */
  problems: ImportProblem[];
  items: Record<string, unknown>[];
  /** The sheet rows of each item (an assessment spans several). */
  rowsOf: number[][];
}

/** Reads a spreadsheet into submission items (bounded, zip-bomb-safe); throws ImportFileError for a refused file. */
export async function parseImport(
  columns: ColumnSpec[],
  kind: RecordKind,
  file: Buffer,
  format: ImportFormat,
  textBudget?: TextBudget,
): Promise<ParsedImport> {
  const table = await readTable(file, format, columns, {}, textBudget);
  const rows = codesFromLabels(table.rows, columns);
  const { items, rowsOf } = kind === 'assessments' ? groupAssessmentRows(rows, columns) : plainItems(rows, columns);
  return { rows: table.rows.length, problems: table.problems, items, rowsOf };
}

/**
 * Validates parsed items as the API would and, unless dryRun, stores them in one transaction through the
 * same path: all or nothing, idempotent by externalId, audited. A row with a refused cell is reported as
 * that; the others are still validated so the user sees every problem at once, but nothing is stored while
 * any remains.
 */
export async function checkImport(
  db: Db,
  actor: Actor,
  kind: RecordKind,
  parsed: ParsedImport,
  opts: ImportOptions,
): Promise<ImportReport> {
  const report = emptyReport(opts.dryRun);
  report.rows = parsed.rows;
  report.records = parsed.items.length;
  report.problems = parsed.problems.map((p) => ({ row: p.row, column: p.column, say: (l: Locale) => translate(l, p.key, p.params ?? {}) }));
  if (parsed.rows === 0) {
    report.fileError = { say: (l) => translate(l, 'import.noRows') };
    return report;
  }
  opts.onPhase?.('validating', { rows: parsed.rows });
  const badRows = new Set(report.problems.map((p) => p.row));
  try {
    if (!opts.dryRun) opts.onPhase?.('writing', { rows: parsed.rows });
    const dry = opts.dryRun || badRows.size > 0;
    const result = await submitRecords(db, actor, kind, parsed.items, { now: opts.now, source: 'import', dryRun: dry });
    report.created = result.created;
    report.updated = result.updated;
    report.unchanged = result.unchanged;
    const late = result.lateByDefault ?? [];
    report.lateByDefault = { rows: late.map((w) => parsed.rowsOf[w.index]?.[0] ?? 0), points: late[0]?.points ?? 0 };
    if (opts.dryRun && result.changes) report.changes = atRows(result.changes, parsed.rowsOf);
    report.ok = badRows.size === 0;
    if (!report.ok && !opts.dryRun) report.created = report.updated = report.unchanged = 0;
  } catch (error) {
    if (!(error instanceof SubmissionRefused)) throw error;
    for (const p of error.problems) {
      const [row, column] = locate(parsed.rowsOf[p.index] ?? [], p.field);
      if (badRows.has(row) && report.problems.some((q) => q.row === row && q.column === column)) continue;
      report.problems.push({ row, column, say: p.say });
    }
  }
  report.problems.sort((a, b) => a.row - b.row || a.column.localeCompare(b.column));
  return report;
}

/**
 * Imports one spreadsheet of one record kind in this thread: read, convert each row as a form would,
 * validate the whole file, and then (unless dryRun) store it. The preview is the same call with dryRun, so
 * what it promises is what confirming does. The command line uses it; the upload route reads and checks in
 * the import pool (import-upload.ts) so that no upload holds the server's event loop or memory.
 */
export async function importSpreadsheet(
  db: Db,
  actor: Actor,
  kind: RecordKind,
  file: Buffer,
  format: ImportFormat,
  opts: ImportOptions,
): Promise<ImportReport> {
  opts.onPhase?.('reading', {});
  let parsed: ParsedImport;
  try {
    parsed = await parseImport(await importColumns(db, kind), kind, file, format);
  } catch (error) {
    if (!(error instanceof ImportFileError)) throw error;
    return { ...emptyReport(opts.dryRun), fileError: { say: (l) => error.localized(l) } };
  }
  const report = await checkImport(db, actor, kind, parsed, opts);
  // A stored import (nothing is stored unless every row passed): the ratings follow the committed write.
  if (!opts.dryRun && report.ok) await ratingsFollowWrites(db, opts.now);
  return report;
}

export function emptyReport(dryRun: boolean): ImportReport {
  return {
    ok: false,
    problems: [],
    rows: 0,
    records: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    dryRun,
    lateByDefault: { rows: [], points: 0 },
  };
}

function plainItems(rows: TableRow[], columns: ColumnSpec[]): { items: Record<string, unknown>[]; rowsOf: number[][] } {
  return { items: rows.map((r) => typedFromText(r.values, columns)), rowsOf: rows.map((r) => [r.row]) };
}

const DIMENSION_FIELDS = new Set(['dimension', 'likelihood', 'impact', 'riskPoints', 'consequences', 'measures']);

/** An assessment spans one row per dimension: rows with the same externalId make one assessment. */
function groupAssessmentRows(rows: TableRow[], columns: ColumnSpec[]) {
  const byRef = new Map<string, { item: Record<string, unknown>; rows: number[] }>();
  const order: string[] = [];
  rows.forEach((r, i) => {
    const typed = typedFromText(r.values, columns);
    const ref = typeof typed.externalId === 'string' ? typed.externalId : `\u0000row${i}`;
    let entry = byRef.get(ref);
    if (!entry) {
      const head = Object.fromEntries(Object.entries(typed).filter(([k]) => !DIMENSION_FIELDS.has(k)));
      entry = { item: { ...head, dimensions: [] }, rows: [] };
      byRef.set(ref, entry);
      order.push(ref);
    }
    (entry.item.dimensions as unknown[]).push(Object.fromEntries(Object.entries(typed).filter(([k]) => DIMENSION_FIELDS.has(k))));
    entry.rows.push(r.row);
  });
  const entries = order.map((k) => byRef.get(k)!);
  return { items: entries.map((e) => e.item), rowsOf: entries.map((e) => e.rows) };
}

function atRows(changes: ChangeList, rowsOf: number[][]): ImportChanges {
  const row = (index: number) => rowsOf[index]?.[0] ?? 0;
  return {
    updated: changes.updated.map(({ index, ...rest }) => ({ row: row(index), ...rest })),
    created: changes.created.map(({ index, externalId }) => ({ row: row(index), externalId })),
  };
}

/** The sheet row and column of a problem: `dimensions.2.impact` is the third row of that assessment. */
function locate(rows: number[], field: string): [number, string] {
  const m = /^dimensions\.(\d+)\.(\w+)$/.exec(field);
  if (m) return [rows[Number(m[1])] ?? rows[0] ?? 0, m[2]!];
  return [rows[0] ?? 0, field];
}
