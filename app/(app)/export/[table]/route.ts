import { getLocale } from 'next-intl/server';
import { getDb } from '@/db/client';
import { currentActor } from '@/lib/auth/current-actor';
import { exportableTables } from '@/lib/dashboards/export-registry';
import { toLocale } from '@/lib/i18n/locales';
import { translate } from '@/lib/i18n/translate';
import { downloadResponse, MAX_EXPORT_ROWS, tableXlsx, XLSX_TYPE } from '@/lib/export/table-xlsx';

export const dynamic = 'force-dynamic';

/** GET /export/<table>?<the page's filters>: that table, as the viewer sees it, as XLSX. */
export async function GET(req: Request, ctx: { params: Promise<{ table: string }> }): Promise<Response> {
  const actor = await currentActor();
  if (!actor) return new Response('Unauthorized', { status: 401 });
  const { table: name } = await ctx.params;
  const source = Object.hasOwn(exportableTables, name) ? exportableTables[name] : undefined;
  if (!source) return new Response('Not found', { status: 404 });
  const url = new URL(req.url);
  const locale = toLocale(await getLocale());
  const table = source.load(getDb(), actor, url.searchParams, locale, new Date());
  if (!table) return new Response('Not found', { status: 404 });
  if (table.rows.length > MAX_EXPORT_ROWS)
    return new Response(translate(locale, 'export.tooManyRows', { rows: table.rows.length, max: MAX_EXPORT_ROWS }), {
      status: 413,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  const body = await tableXlsx(table, translate(locale, 'app.name'));
  return downloadResponse(body, `${table.title}.xlsx`, `${name}.xlsx`, XLSX_TYPE);
}
