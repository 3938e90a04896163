import { getLocale, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { isRecordKind } from '@/db/records/record-kinds';
import { currentActor } from '@/server/auth/current-actor';
import { toLocale } from '@/domain/i18n/locales';
import { translate } from '@/domain/i18n/translate';
import { buildTemplate } from '@/platform/spreadsheets/template';
import { importColumns } from '@/features/import/import';

export const dynamic = 'force-dynamic';

/** GET ?kind=incidents&format=xlsx|csv: the kind's template with Chinese (or English) headers and codes. */
export async function GET(req: Request): Promise<Response> {
  const actor = await currentActor();
  if (!actor) return new Response('Unauthorized', { status: 401 });
  const url = new URL(req.url);
  const kind = url.searchParams.get('kind') ?? '';
  const format = url.searchParams.get('format') === 'csv' ? 'csv' : 'xlsx';
  if (!isRecordKind(kind)) return new Response('Unknown kind', { status: 404 });
  const locale = toLocale(await getLocale());
  const t = await getTranslations();
  const label = { zh: translate('zh-CN', `kinds.${kind}`), en: translate('en', `kinds.${kind}`) };
  const body = await buildTemplate(label, await importColumns(getDb(), kind), format, locale);
  const name = `${t(`kinds.${kind}`)}-template.${format}`;
  return new Response(new Uint8Array(body), {
    headers: {
      'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="${kind}-template.${format}"; filename*=UTF-8''${encodeURIComponent(name)}`,
    },
  });
}
