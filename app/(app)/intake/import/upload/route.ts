import { getLocale } from 'next-intl/server';
import { getDb } from '@/db/client';
import { isSameOrigin } from '@/server/api/same-origin';
import { currentActor } from '@/server/auth/current-actor';
import { canSubmitRecords } from '@/domain/auth/roles';
import { toLocale } from '@/domain/i18n/locales';
import { translate } from '@/domain/i18n/translate';
import { handleImportUpload } from '@/features/import/import-upload';

export const dynamic = 'force-dynamic';

/** The spreadsheet import's preview and confirm steps (features/import/import-upload.ts), for signed-in submitters of this site. */
export async function POST(req: Request): Promise<Response> {
  const locale = toLocale(await getLocale());
  const fail = (status: number, key: string) => Response.json({ error: translate(locale, key) }, { status });
  if (!isSameOrigin(req)) return fail(403, 'actions.forbidden');
  const actor = await currentActor();
  if (!actor) return fail(401, 'actions.signedOut');
  if (!canSubmitRecords(actor.role)) return fail(403, 'actions.forbidden');
  return handleImportUpload(req, { db: getDb(), actor, locale });
}
