import { getLocale } from 'next-intl/server';
import { getDb } from '@/db/client';
import { bulletinByMonth } from '@/db/bulletins/bulletins';
import { currentActor } from '@/server/auth/current-actor';
import { isMonth } from '@/domain/time/months';
import { bulletinPdf } from '@/features/bulletins/pdf';
import { bulletinView } from '@/domain/bulletins/view';
import { localName, toLocale } from '@/domain/i18n/locales';
import { translate } from '@/domain/i18n/translate';

export const dynamic = 'force-dynamic';

/** GET: the bulletin of [month] as a PDF, within the viewer's scope, in the viewer's language (or ?lang=). */
export async function GET(req: Request, { params }: { params: Promise<{ month: string }> }): Promise<Response> {
  const actor = await currentActor();
  if (!actor) return new Response('Unauthorized', { status: 401 });
  const { month } = await params;
  const locale = toLocale(new URL(req.url).searchParams.get('lang') ?? (await getLocale()));
  if (!isMonth(month)) return new Response(translate(locale, 'bulletins.notFound', { month: '—' }), { status: 400 });
  const stored = await bulletinByMonth(getDb(), month);
  if (!stored) return new Response(translate(locale, 'bulletins.notFound', { month }), { status: 404 });
  const scope = actor.scope.all
    ? translate(locale, 'header.scopeAll')
    : translate(locale, 'header.scopeUnit', { unit: localName(locale, { name: actor.unitName, nameEn: actor.unitNameEn }) });
  const pdf = await bulletinPdf(bulletinView(stored, actor.scope), locale, scope);
  const name = `${translate(locale, 'bulletins.title', { month })}.pdf`;
  return new Response(new Uint8Array(pdf), {
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="bulletin-${month}.pdf"; filename*=UTF-8''${encodeURIComponent(name)}`,
      'cache-control': 'no-store',
    },
  });
}
