import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { required, UsageError, withDb, type Command } from '@/cli/command';
import { firstAdminLogin } from '@/db/auth/auth';
import { isRecordKind, recordKindCodes, type RecordKind } from '@/db/records/record-kinds';
import { FieldProblem } from '@/domain/errors';
import { lateByDefaultSummary } from '@/domain/incidents/late-by-default';
import { resolveActor } from '@/features/auth/resolve-actor';
import { changeListText } from '@/features/import/change-list-present';
import { importSpreadsheet } from '@/features/import/import';

export const importFile: Command = {
  name: 'import',
  usage: `  import FILE --kind K [--dry-run] [--user LOGIN]
      Imports an XLSX or CSV file of one record kind (${recordKindCodes.join(', ')}), all or nothing,
      idempotent by externalId. --dry-run only reports what would be created, updated or left unchanged, which
      records would change and which fields (the first 50 of each), and every bad row. Acts as LOGIN (default: the first administrator), within that user's scope.`,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { kind: { type: 'string' }, 'dry-run': { type: 'boolean' }, user: { type: 'string' } },
    });
    const file = positionals[0];
    if (!file) throw new UsageError('import needs a FILE');
    const kind = required(values, 'kind');
    if (!isRecordKind(kind)) throw new UsageError(`--kind must be one of ${recordKindCodes.join(', ')}`);
    const format = /\.csv$/i.test(file) ? 'csv' : /\.xlsx$/i.test(file) ? 'xlsx' : null;
    if (!format) throw new UsageError('FILE must end in .xlsx or .csv');
    const report = await importAs(values.user, kind, fs.readFileSync(file), format, Boolean(values['dry-run']));
    return printReport(report, kind);
  },
};

type ImportReport = Awaited<ReturnType<typeof importSpreadsheet>>;

/** Imports as LOGIN (default: the first administrator), saying each phase on stderr as it starts. */
function importAs(login: string | undefined, kind: RecordKind, buffer: Buffer, format: 'csv' | 'xlsx', dryRun: boolean) {
  return withDb(async (db): Promise<ImportReport> => {
    const as = login ?? (await firstAdminLogin(db));
    if (!as) throw new UsageError('no administrator exists; pass --user LOGIN');
    const actor = await resolveActor(db, { cliLogin: as });
    if (!actor) throw new FieldProblem('user', 'validation.unknownUser', { login: as });
    const started = Date.now();
    return await importSpreadsheet(db, actor, kind, buffer, format, {
      dryRun,
      now: new Date(),
      onPhase: (phase, d) =>
        console.error(`… ${phase}${d.rows ? ` ${d.rows} rows` : ''} (${((Date.now() - started) / 1000).toFixed(1)} s)`),
    });
  });
}

/** The file's refusal or its bad rows on stderr (exit 1); otherwise the counts, the backfill warning and the change list. */
function printReport(report: ImportReport, kind: RecordKind): number {
  if (report.fileError) {
    console.error(`Refused: ${report.fileError.say('en')}`);
    return 1;
  }
  for (const p of report.problems.slice(0, 200)) console.error(`row ${p.row}, ${p.column}: ${p.say('en')}`);
  if (report.problems.length > 200) console.error(`… and ${report.problems.length - 200} more problems`);
  const counts = `${report.rows} rows, ${report.records} records: ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged`;
  if (!report.ok) {
    console.error(`Nothing stored: ${report.problems.length} problem(s). (${report.rows} rows read)`);
    return 1;
  }
  console.log(report.dryRun ? `Dry run, nothing stored. Would be ${counts}.` : `Imported ${counts}.`);
  // The backfill warning (decision 033): its own line, after the counts.
  if (report.lateByDefault.rows.length)
    console.log(`Warning: ${lateByDefaultSummary(report.lateByDefault.rows, report.lateByDefault.points, 'en')}`);
  for (const line of changeListText(report, kind)) console.log(line);
  return 0;
}
