import { getLocale } from 'next-intl/server';
import { getDb } from '@/db/client';
import { isRecordKind, type RecordKind } from '@/db/queries/record-kinds';
import { kindDefs } from '@/lib/intake/kinds';
import { readBodyBytes } from '@/lib/api/body';
import { ApiError } from '@/lib/api/errors';
import { isSameOrigin } from '@/lib/api/same-origin';
import { currentActor } from '@/lib/auth/current-actor';
import { canSubmitRecords } from '@/lib/auth/roles';
import { toLocale } from '@/lib/i18n/locales';
import { isDatabaseBusy } from '@/lib/db/busy';
import { translate } from '@/lib/i18n/translate';
import { importSpreadsheet, type ImportReport } from '@/lib/intake/import';
import { dropStaged, readStaged, stageImport, StagingFull } from '@/lib/intake/staging';
import { DEFAULT_LIMITS } from '@/lib/import/read-table';
import { MAX_UPLOAD_REQUEST_BYTES } from '@/lib/import/limits';

export const dynamic = 'force-dynamic';

/**
 * The import's two steps from the browser: `preview` (multipart: kind + file) stores the upload and answers
 * what it would do; `confirm` (staged id) imports exactly that file, all or nothing. Each answers a stream of
 * JSON lines: the phases as they start (so a large file shows progress), then the report.
 */
export async function POST(req: Request): Promise<Response> {
  const locale = toLocale(await getLocale());
  const fail = (status: number, key: string, params: Record<string, string | number> = {}) =>
    Response.json({ error: translate(locale, key, params) }, { status });
  if (!isSameOrigin(req)) return fail(403, 'actions.forbidden');
  const actor = await currentActor();
  if (!actor) return fail(401, 'actions.signedOut');
  if (!canSubmitRecords(actor.role)) return fail(403, 'actions.forbidden');
  const tooLarge = () => fail(413, 'import.fileTooLarge', { maxMb: DEFAULT_LIMITS.maxBytes / 1024 / 1024 });
  // Counted as it arrives, with or without a declared length: a body cut short anywhere before this route
  // would otherwise be read as a broken form instead of refused for its size.
  const body = await readBodyBytes(req, MAX_UPLOAD_REQUEST_BYTES).catch((error: unknown) => error);
  if (body instanceof ApiError) return tooLarge();
  if (!(body instanceof Buffer)) return fail(400, 'import.notSpreadsheet');

  let work: { kind: string; format: 'xlsx' | 'csv'; file: Buffer; stagedId?: string; dryRun: boolean };
  const form = await new Response(new Uint8Array(body), { headers: { 'content-type': req.headers.get('content-type') ?? '' } })
    .formData()
    .catch(() => null);
  if (!form) return fail(400, 'import.notSpreadsheet');
  if (form.get('step') === 'confirm') {
    const staged = readStaged(String(form.get('stagedId') ?? ''), actor.userId);
    if (!staged) return fail(404, 'importPage.expired');
    work = { kind: staged.meta.kind, format: staged.meta.format, file: staged.file, stagedId: staged.meta.id, dryRun: false };
  } else {
    const kind = String(form.get('kind') ?? '');
    const upload = form.get('file');
    if (!isRecordKind(kind)) return fail(422, 'importPage.chooseKind');
    if (!(upload instanceof File) || upload.size === 0) return fail(422, 'importPage.chooseFile');
    if (upload.size > DEFAULT_LIMITS.maxBytes) return tooLarge();
    const format = /\.csv$/i.test(upload.name) ? 'csv' : /\.xlsx$/i.test(upload.name) ? 'xlsx' : null;
    if (!format) return fail(422, 'import.unknownFormat', { format: upload.name.split('.').pop() ?? '' });
    const file = Buffer.from(await upload.arrayBuffer());
    let staged;
    try {
      staged = stageImport(file, { userId: actor.userId, kind, format, name: upload.name.slice(0, 200) });
    } catch (error) {
      if (!(error instanceof StagingFull)) throw error;
      // A person's own bound: they may try again once earlier uploads are confirmed or purged (429); the
      // installation's: the server is out of the room it allows (507).
      return Response.json(
        {
          error: translate(locale, `import.${error.scope === 'user' ? 'stagedUserFull' : 'stagedTotalFull'}`, {
            maxMb: Math.round(error.limitBytes / 1024 / 1024),
          }),
        },
        { status: error.scope === 'user' ? 429 : 507, headers: { 'retry-after': String(error.retryAfterSeconds) } },
      );
    }
    work = { kind, format, file, stagedId: staged.id, dryRun: true };
  }
  const kind = work.kind;
  if (!isRecordKind(kind)) return fail(422, 'importPage.chooseKind');

  const encoder = new TextEncoder();
  const stream = new ReadableStream({
    async start(controller) {
      const send = (line: unknown) => controller.enqueue(encoder.encode(`${JSON.stringify(line)}\n`));
      // The staged file is kept only while the user holds its id: a preview they may confirm. A refused or
      // failed preview, and a confirmation whatever its outcome, leave nothing on disk.
      let keep = false;
      try {
        const report = await importSpreadsheet(getDb(), actor, kind, work.file, work.format, {
          dryRun: work.dryRun,
          now: new Date(),
          onPhase: (phase, detail) => send({ phase, ...detail }),
        });
        keep = work.dryRun && report.ok;
        send({ report: present(report, locale, kind), stagedId: keep ? work.stagedId : undefined });
      } catch (error) {
        // Another writer held the database past the configured wait: nothing was stored; say "try again".
        if (isDatabaseBusy(error)) send({ error: translate(locale, 'actions.busy') });
        else {
          console.error('[import] unexpected error', error);
          send({ error: translate(locale, 'actions.unexpected') });
        }
      } finally {
        if (!keep && work.stagedId) dropStaged(work.stagedId, actor.userId);
      }
      controller.close();
    },
  });
  return new Response(stream, { headers: { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store' } });
}

function present(r: ImportReport, locale: ReturnType<typeof toLocale>, kind: RecordKind) {
  // The column as the template heads it: its label in the reader's language and its code.
  const label = new Map(kindDefs[kind].fields.map((f) => [f.code, `${locale === 'en' ? f.labelEn : f.labelZh} (${f.code})`]));
  return {
    ok: r.ok,
    dryRun: r.dryRun,
    fileError: r.fileError?.say(locale),
    rows: r.rows,
    records: r.records,
    created: r.created,
    updated: r.updated,
    unchanged: r.unchanged,
    problemCount: r.problems.length,
    // The first thousand are enough to act on; the count says how many there are.
    problems: r.problems.slice(0, 1000).map((p) => ({ row: p.row, column: label.get(p.column) ?? p.column, message: p.say(locale) })),
  };
}
