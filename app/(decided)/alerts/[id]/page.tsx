import Link from 'next/link';
import { forbidden, notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { alertInScope, markAlertRead } from '@/db/alerts/alerts';
import { domainNames } from '@/db/alerts/alert-inputs';
import { canAcknowledgeAlerts } from '@/domain/auth/alert-permissions';
import { ruleKey } from '@/domain/rule-sets/alert-texts';
import { requireActor } from '@/server/auth/current-actor';
import { toLocale } from '@/domain/i18n/locales';
import { PageHeader } from '@/components/page-header';
import { AlertDetail } from '@/components/alerts/alert-detail';
import { AcknowledgeAlert } from '@/components/alerts/acknowledge-alert';

// Like records: a reader with a scope gets the same refusal for an alert outside it and a missing one (no
// id's existence is given away); a reader who sees every unit is told it does not exist.
async function alertOrInterrupt(params: Promise<{ id: string }>) {
  const actor = await requireActor();
  const db = getDb();
  const id = Number((await params).id);
  const alert = Number.isInteger(id) && id > 0 ? await alertInScope(db, actor, id) : null;
  if (!alert) return actor.scope.all ? notFound() : forbidden();
  return { actor, db, alert };
}

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  return { title: (await getTranslations('alerts'))('detailTitle', { id: (await params).id }) };
}

/** One alert: its message, why it fired (links to the cause), and acknowledging it. Opening it marks it read. */
export default async function AlertPage({ params }: { params: Promise<{ id: string }> }) {
  const { actor, db, alert } = await alertOrInterrupt(params);
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  if (!alert.read) await markAlertRead(db, actor.userId, alert.id, new Date());
  const domains = await domainNames(db);
  return (
    <div className="max-w-4xl space-y-4">
      <Link href="/alerts" className="text-sm text-blue-700 hover:underline">
        ← {t('alerts.back')}
      </Link>
      <PageHeader title={t('alerts.detailTitle', { id: alert.id })} subtitle={t(`alerts.ruleNames.${ruleKey(alert.rule)}`)} />
      <AlertDetail alert={alert} domains={domains} locale={locale} />
      {!alert.acknowledgedAt ? <AcknowledgeAlert alertId={alert.id} allowed={canAcknowledgeAlerts(actor.role)} /> : null}
    </div>
  );
}
