import { getLocale } from 'next-intl/server';
import { getDb } from '@/db/client';
import { currentActor } from '@/server/auth/current-actor';
import { toLocale } from '@/domain/i18n/locales';
import { translate } from '@/domain/i18n/translate';
import { buildWarningNotice, warningNoticePdf, warningNoticeXlsx } from '@/features/rating/views/warning-notice';
import { ratedYears } from '@/domain/records/date-range';

export const dynamic = 'force-dynamic';

/** GET ?year=Y&format=pdf|xlsx: the warning notice of year Y within the viewer's scope. */
export async function GET(req: Request): Promise<Response> {
  const actor = await currentActor();
  if (!actor) return new Response('Unauthorized', { status: 401 });
  const url = new URL(req.url);
  const year = Number(url.searchParams.get('year'));
  const format = url.searchParams.get('format') === 'xlsx' ? 'xlsx' : 'pdf';
  // Only the years the product offers: asking for another must not make the server compute and store one.
  if (!ratedYears(new Date()).includes(year)) return new Response('No ratings for that year', { status: 404 });
  const locale = toLocale(url.searchParams.get('lang') ?? (await getLocale()));
  const notice = await buildWarningNotice(getDb(), actor.scope, year, locale, new Date());
  if (!notice) return new Response('No ratings for that year', { status: 404 });
  const body = format === 'pdf' ? await warningNoticePdf(notice, locale) : await warningNoticeXlsx(notice, locale);
  const name = `${translate(locale, 'notice.title', { year })}.${format}`;
  return new Response(new Uint8Array(body), {
    headers: {
      'content-type': format === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="warning-notice-${year}.${format}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      'cache-control': 'no-store',
    },
  });
}
