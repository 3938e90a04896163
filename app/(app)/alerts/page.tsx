import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { listAlerts } from '@/db/alerts/alerts';
import { unacknowledgedByColour } from '@/db/alerts/alert-triage';
import { requireActor } from '@/server/auth/current-actor';
import { inboxFilters, inboxHref, inboxQuerySchema } from '@/features/alerts/views/inbox';
import { toLocale } from '@/domain/i18n/locales';
import { PageHeader } from '@/components/page-header';
import { canManageRatings } from '@/domain/auth/rating-permissions';
import { Pagination } from '@/components/pagination';
import { MarkAllRead } from '@/components/alerts/mark-all-read';
import { InboxFilterForm } from '@/components/alerts/inbox-filter-form';
import { NeedsAction } from '@/components/alerts/needs-action';
import { AlertList } from '@/components/alerts/alert-list';

export async function generateMetadata() {
  return { title: (await getTranslations('alerts'))('title') };
}

const PAGE_SIZE = 50;

export default async function AlertsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const q = inboxQuerySchema.parse(await searchParams);
  const db = getDb();
  const { total, rows } = await listAlerts(db, actor, inboxFilters(q), { page: q.page, pageSize: PAGE_SIZE }, q.sort);
  const waiting = await unacknowledgedByColour(db, actor.scope);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const filtered = Boolean(q.rule || q.colour || q.unit || q.ack || q.period);
  return (
    <div className="space-y-4">
      <PageHeader title={t('alerts.title')} subtitle={t('alerts.subtitle')}>
        <div className="flex items-center gap-3">
          <Link href="/alerts/rules" className="text-sm text-blue-700 hover:underline">
            {t('alerts.rulesLink')}
          </Link>
          {canManageRatings(actor.role) ? (
            <Link href="/alerts/delivery" className="text-sm text-blue-700 hover:underline" data-testid="delivery-link">
              {t('alerts.deliveryLink')}
            </Link>
          ) : null}
          <MarkAllRead label={t('alerts.markAllRead')} done={t.raw('alerts.markedRead') as string} />
        </div>
      </PageHeader>
      <InboxFilterForm q={q} filtered={filtered} />
      <NeedsAction q={q} waiting={waiting} />
      <AlertList rows={rows} filtered={filtered} locale={locale} />
      <Pagination
        page={q.page}
        pages={pages}
        hrefFor={(p) => inboxHref(q, { page: p })}
        labels={{ previous: t('alerts.previous'), next: t('alerts.next'), showing: t('alerts.showing', { total, page: q.page, pages }) }}
      />
    </div>
  );
}
