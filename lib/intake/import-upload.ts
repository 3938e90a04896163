import type { Db } from '@/db/client';
import { isRecordKind, type RecordKind } from '@/db/queries/record-kinds';
import type { Actor } from '@/lib/auth/scope-types';
import type { Locale } from '@/lib/i18n/locales';
import { translate } from '@/lib/i18n/translate';
import { DEFAULT_LIMITS } from '@/lib/import/read-table';
import { importSpreadsheet, type ImportReport } from './import';
import { kindDefs } from './kinds';
import { dropStaged, readStaged, stageImport } from './staging';

type Fail = (status: number, key: string, params?: Record<string, string | number>) => Response;

/**
 * The import's two steps from the browser, after the route has checked origin, session and role: `preview`
 * (multipart: kind + file) stores the upload and answers what it would do; `confirm` (staged id) imports
 * exactly that file, all or nothing. Each answers a stream of JSON lines: the phases as they start (so a
 * large file shows progress), then the report.
 */
export async function handleImportUpload(req: Request, ctx: { db: Db; actor: Actor; locale: Locale }): Promise<Response> {
  const { actor, locale } = ctx;
  const fail: Fail = (status, key, params = {}) => Response.json({ error: translate(locale, key, params) }, { status });
  if (Number(req.headers.get('content-length') ?? 0) > DEFAULT_LIMITS.maxBytes + 64 * 1024)
    return fail(413, 'import.fileTooLarge', { maxMb: DEFAULT_LIMITS.maxBytes / 1024 / 1024 });

  let work: { kind: string; format: 'xlsx' | 'csv'; file: Buffer; stagedId?: string; dryRun: boolean };
  const form = await req.formData().catch(() => null);
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
    if (upload.size > DEFAULT_LIMITS.maxBytes) return fail(413, 'import.fileTooLarge', { maxMb: DEFAULT_LIMITS.maxBytes / 1024 / 1024 });
    const format = /\.csv$/i.test(upload.name) ? 'csv' : /\.xlsx$/i.test(upload.name) ? 'xlsx' : null;
    if (!format) return fail(422, 'import.unknownFormat', { format: upload.name.split('.').pop() ?? '' });
    const file = Buffer.from(await upload.arrayBuffer());
    const staged = stageImport(file, { userId: actor.userId, kind, format, name: upload.name.slice(0, 200) });
    work = { kind, format, file, stagedId: staged.id, dryRun: true };
  }
  const kind = work.kind;
  if (!isRecordKind(kind)) return fail(422, 'importPage.chooseKind');

  const encoder = new TextEncoder();
  const stream = new ReadableStream({
    async start(controller) {
      const send = (line: unknown) => controller.enqueue(encoder.encode(`${JSON.stringify(line)}\n`));
      try {
        const report = await importSpreadsheet(ctx.db, actor, kind, work.file, work.format, {
          dryRun: work.dryRun,
          now: new Date(),
          onPhase: (phase, detail) => send({ phase, ...detail }),
        });
        if (!work.dryRun && report.ok) dropStaged(work.stagedId!);
        send({ report: present(report, locale, kind), stagedId: work.dryRun && report.ok ? work.stagedId : undefined });
      } catch (error) {
        console.error('[import] unexpected error', error);
        send({ error: translate(locale, 'actions.unexpected') });
      }
      controller.close();
    },
  });
  return new Response(stream, { headers: { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store' } });
}

function present(r: ImportReport, locale: Locale, kind: RecordKind) {
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
