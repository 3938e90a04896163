import { getTranslations } from 'next-intl/server';
import { requireActor } from '@/server/auth/current-actor';
import { Refusal } from '@/components/refusal';
import { scopeText } from '@/components/scope-text';

// What a page of the app answers, with status 403, for something outside the reader's scope (forbidden(),
// next.config.js authInterrupts): the friendly refusal naming the scope, nothing of what was asked for.
export default async function AppForbidden() {
  const actor = await requireActor();
  const t = await getTranslations();
  return (
    <Refusal
      testId="refusal"
      title={t('refusal.title')}
      body={t('refusal.body', { scope: await scopeText(actor) })}
      homeLabel={t('refusal.home')}
    />
  );
}
