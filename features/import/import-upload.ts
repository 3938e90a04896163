import type { Db } from '@/db/tx';
import { isRecordKind, type RecordKind } from '@/db/records/record-kinds';
import type { Actor } from '@/domain/auth/actor';
import type { Locale } from '@/domain/i18n/locales';
import { translate } from '@/domain/i18n/translate';
import { DEFAULT_LIMITS, ImportFileError, type ImportFormat } from '@/platform/spreadsheets/read/read-table';
import { MAX_UPLOAD_REQUEST_BYTES } from '@/platform/spreadsheets/read/limits';
import { isDatabaseBusy, retryAfterSeconds } from '@/db/busy';
import { dbConfig } from '@/db/config';
import { emptyReport, type ImportReport } from '@/features/import/import';
import { importPool, type ImportPool, type Ticket } from '@/features/import/import-pool';
import { fromPlainReport } from '@/features/import/import-report-plain';
import { columnLabeller } from '@/features/import/column-labels';
import { labelledChanges } from '@/features/import/change-list-present';
import { parseMultipart, readBody } from '@/platform/http/multipart';
import { dropStaged, readStaged, stageImport, StagingFull } from '@/features/import/staging';
import { lateByDefaultSummary } from '@/domain/incidents/late-by-default';
import { ratingsFollowWrites } from '@/features/rating/follow-writes';

type Fail = (status: number, key: string, params?: Record<string, string | number>) => Response;

interface Work {
  kind: RecordKind;
  format: ImportFormat;
  file: Buffer;
  stagedId: string;
  dryRun: boolean;
}

/**
 * The import's two steps from the browser, after the route has checked origin, session and role: `preview`
 * (multipart: kind + file) stores the upload and answers what it would do; `confirm` (staged id) imports
 * exactly that file, all or nothing. Each answers a stream of JSON lines: the phases as they start (so a
 * large file shows progress), then the report. The file is read and checked in the import pool, off this
 * thread, and a confirmation is stored there too, in one transaction (decision 032). Past the pool's queue
 * the answer is 503 with Retry-After, before the body is read.
 */
export async function handleImportUpload(
  req: Request,
  ctx: { db: Db; actor: Actor; locale: Locale; pool?: ImportPool },
): Promise<Response> {
  const { locale } = ctx;
  const pool = ctx.pool ?? importPool();
  const fail: Fail = (status, key, params = {}) => Response.json({ error: translate(locale, key, params) }, { status });
  if (Number(req.headers.get('content-length') ?? 0) > MAX_UPLOAD_REQUEST_BYTES)
    return fail(413, 'import.fileTooLarge', { maxMb: DEFAULT_LIMITS.maxBytes / 1024 / 1024 });
  const ticket = pool.admit();
  if (!ticket) {
    const seconds = pool.options.retryAfterSeconds;
    return Response.json(
      { error: translate(locale, 'import.busy', { seconds }) },
      { status: 503, headers: { 'Retry-After': String(seconds) } },
    );
  }
  let work: Work | Response;
  try {
    work = await receive(req, ctx.db, ctx.actor, locale, fail);
  } catch (error) {
    ticket.release();
    if (!isDatabaseBusy(error)) throw error;
    // Another writer held the database past the configured wait while the upload was staged: nothing was stored.
    const seconds = retryAfterSeconds(dbConfig().FENGHUO_DB_BUSY_TIMEOUT_MS);
    return Response.json({ error: translate(locale, 'actions.busy') }, { status: 503, headers: { 'Retry-After': String(seconds) } });
  }
  if (work instanceof Response) {
    ticket.release();
    return work;
  }
  return new Response(answer(work, ticket, ctx), {
    headers: { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store' },
  });
}

/** The work the request asks for, or the refusal to answer. */
async function receive(req: Request, db: Db, actor: Actor, locale: Locale, fail: Fail): Promise<Work | Response> {
  const tooLarge = () => fail(413, 'import.fileTooLarge', { maxMb: DEFAULT_LIMITS.maxBytes / 1024 / 1024 });
  // Counted as it arrives, with or without a declared length (decision 025).
  const body = await readBody(req, MAX_UPLOAD_REQUEST_BYTES).catch(() => undefined);
  if (body === null) return tooLarge();
  const form = body ? parseMultipart(body, req.headers.get('content-type')) : null;
  if (!form) return fail(400, 'import.notSpreadsheet');
  const field = (name: string) => form.get(name)?.value.toString('utf8') ?? '';
  if (field('step') === 'confirm') {
    // From the database, so a preview answered by another app server is confirmed here all the same.
    const staged = await readStaged(db, field('stagedId'), actor.userId);
    if (!staged) return fail(404, 'importPage.expired');
    const kind = staged.meta.kind;
    if (!isRecordKind(kind)) return fail(422, 'importPage.chooseKind');
    return { kind, format: staged.meta.format, file: staged.file, stagedId: staged.meta.id, dryRun: false };
  }
  const kind = field('kind');
  const upload = form.get('file');
  if (!isRecordKind(kind)) return fail(422, 'importPage.chooseKind');
  if (upload?.filename === undefined || upload.value.length === 0) return fail(422, 'importPage.chooseFile');
  if (upload.value.length > DEFAULT_LIMITS.maxBytes) return tooLarge();
  const format = /\.csv$/i.test(upload.filename) ? 'csv' : /\.xlsx$/i.test(upload.filename) ? 'xlsx' : null;
  if (!format) return fail(422, 'import.unknownFormat', { format: upload.filename.split('.').pop() ?? '' });
  let staged;
  try {
    // Only an upload within the size limit above reaches the database.
    staged = await stageImport(db, upload.value, { userId: actor.userId, kind, format, name: upload.filename.slice(0, 200) });
  } catch (error) {
    if (!(error instanceof StagingFull)) throw error;
    // A person's own bound: they may try again once earlier uploads are confirmed or purged (429); the
    // installation's: the server is out of the room it allows (507). Decision 025.
    return Response.json(
      {
        error: translate(locale, `import.${error.scope === 'user' ? 'stagedUserFull' : 'stagedTotalFull'}`, {
          maxMb: Math.round(error.limitBytes / 1024 / 1024),
        }),
      },
      { status: error.scope === 'user' ? 429 : 507, headers: { 'retry-after': String(error.retryAfterSeconds) } },
    );
  }
  return { kind, format, file: upload.value, stagedId: staged.id, dryRun: true };
}

/** The streamed answer: phases, then the report. A preview that fails removes its staged upload at once. */
function answer(work: Work, ticket: Ticket, ctx: { db: Db; actor: Actor; locale: Locale }): ReadableStream {
  const { db, actor, locale } = ctx;
  const encoder = new TextEncoder();
  // The reader may leave (a closed tab, a client's timeout) while the worker goes on: what is left to say is
  // dropped rather than written to a closed stream, which would throw outside any request.
  let open = true;
  return new ReadableStream({
    cancel() {
      open = false;
    },
    async start(controller) {
      const send = (line: unknown) => open && controller.enqueue(encoder.encode(`${JSON.stringify(line)}\n`));
      let report: ImportReport | undefined;
      const now = Date.now();
      try {
        // A confirmation is read and stored by the worker, on its own connection, in one transaction (decision 032).
        const read = await ticket.run(
          {
            mode: work.dryRun ? 'preview' : 'write',
            dbFile: db.file,
            actor,
            kind: work.kind,
            format: work.format,
            file: work.file,
            now,
          },
          (phase, detail) => send({ phase, ...detail }),
        );
        report = fromPlainReport(read.report);
        // The worker committed the import on its own connection: the ratings follow it here.
        if (!work.dryRun && report.ok) await ratingsFollowWrites(db, new Date(now));
      } catch (error) {
        if (error instanceof ImportFileError) report = { ...emptyReport(work.dryRun), fileError: { say: (l) => error.localized(l) } };
        // Another writer held the database past the configured wait: nothing was stored; say "try again".
        else if (isDatabaseBusy(error)) send({ error: translate(locale, 'actions.busy') });
        else {
          console.error('[import] unexpected error', error);
          send({ error: translate(locale, 'actions.unexpected') });
        }
      }
      // The staged upload stays only while it can still be confirmed: a preview that passed, or a confirmation
      // that failed for the server's sake (busy) and may be retried. A refused preview and an answered
      // confirmation leave nothing staged, without waiting for the daily purge; should even that removal find
      // the database busy, the upload expires within the day.
      if (work.dryRun ? !report?.ok : report !== undefined)
        await dropStaged(db, work.stagedId, actor.userId).catch((error: unknown) => {
          if (!isDatabaseBusy(error)) console.error('[import] staged upload not removed', error);
        });
      if (report) send({ report: present(report, locale, work.kind), stagedId: work.dryRun && report.ok ? work.stagedId : undefined });
      if (open) controller.close();
    },
  });
}

function present(r: ImportReport, locale: Locale, kind: RecordKind) {
  // The column as the template heads it: its label in the reader's language and its code.
  const label = columnLabeller(kind, locale);
  return {
    ok: r.ok,
    dryRun: r.dryRun,
    fileError: r.fileError?.say(locale),
    rows: r.rows,
    records: r.records,
    created: r.created,
    updated: r.updated,
    unchanged: r.unchanged,
    changes: labelledChanges(r.changes, kind, locale),
    problemCount: r.problems.length,
    lateByDefault: r.lateByDefault.rows.length ? lateByDefaultSummary(r.lateByDefault.rows, r.lateByDefault.points, locale) : null,
    // The first thousand are enough to act on; the count says how many there are.
    problems: r.problems.slice(0, 1000).map((p) => ({ row: p.row, column: label(p.column), message: p.say(locale) })),
  };
}
