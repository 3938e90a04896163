import { getLocale } from 'next-intl/server';
import { getDb } from '@/db/client';
import { currentActor } from '@/server/auth/current-actor';
import { exportableTables } from '@/features/dashboards/export-registry';
import { toLocale } from '@/domain/i18n/locales';
import { translate } from '@/domain/i18n/translate';
import { downloadResponse, MAX_EXPORT_ROWS, tableXlsx, XLSX_TYPE } from '@/platform/spreadsheets/table-xlsx';
import { ratedYearRange, yearInAddress } from '@/domain/records/date-range';

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
  // A year outside the range is said, as on the pages, never replaced by the table's default year (issue 14, item 7).
  const now = new Date();
  if (yearInAddress(url.searchParams.get('year') ?? undefined, now).kind === 'outside')
    return new Response(`year: ${translate(locale, 'validation.yearOutside', ratedYearRange(now))}`, {
      status: 400,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  const table = await source.load(getDb(), actor, url.searchParams, locale, now);
  if (!table) return new Response('Not found', { status: 404 });
  if (table.rows.length > MAX_EXPORT_ROWS)
    return new Response(translate(locale, 'export.tooManyRows', { rows: table.rows.length, max: MAX_EXPORT_ROWS }), {
      status: 413,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  const body = await tableXlsx(table, translate(locale, 'app.name'));
  return downloadResponse(body, `${table.title}.xlsx`, `${name}.xlsx`, XLSX_TYPE);
}
