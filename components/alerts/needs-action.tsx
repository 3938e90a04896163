import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { LevelBadge } from '@/components/level-badge';
import { inboxHref, type InboxQuery } from '@/features/alerts/views/inbox';
import { levels, type Level } from '@/domain/reference/level-codes';

/** How many alerts of each colour wait for an acknowledgement, red first, each a link to them. */
export async function NeedsAction({ q, waiting }: { q: InboxQuery; waiting: Record<Level, number> }) {
  const t = await getTranslations();
  return (
    <p className="flex flex-wrap items-center gap-2 text-sm text-gray-700" data-testid="needs-action">
      {t('alerts.needsAction')}
      {[...levels].reverse().map((l) => (
        <Link key={l} href={inboxHref(q, { colour: l, ack: 'no', page: 1 })} className="hover:underline" data-colour={l}>
          <LevelBadge level={l} label={t('alerts.needsActionItem', { level: t(`levels.${l}`), n: waiting[l] })} />
        </Link>
      ))}
    </p>
  );
}
