import { getTranslations } from 'next-intl/server';
import { ConfirmAction } from '@/components/ratings/confirm-action';
import { acknowledgeAlertAction } from '@/server/actions/alerts';

/** Acknowledging an alert, with an optional comment, behind a confirmation; or why the reader cannot. */
export async function AcknowledgeAlert({ alertId, allowed }: { alertId: number; allowed: boolean }) {
  const t = await getTranslations();
  if (!allowed) return <p className="text-sm text-gray-500">{t('alerts.cannotAcknowledge')}</p>;
  return (
    <ConfirmAction
      testId="acknowledge"
      action={acknowledgeAlertAction}
      fields={{ id: alertId }}
      label={t('alerts.acknowledge')}
      title={t('alerts.acknowledgeTitle')}
      body={
        <div className="space-y-2">
          <p>{t('alerts.acknowledgeBody')}</p>
          <label htmlFor="ack-comment" className="block font-medium">
            {t('alerts.comment')}
          </label>
          <textarea id="ack-comment" name="comment" rows={3} maxLength={1000} className="w-full rounded-md border-gray-300 text-sm" />
        </div>
      }
      confirmLabel={t('alerts.acknowledgeConfirm')}
      cancelLabel={t('alerts.cancel')}
      doneText={t('alerts.acknowledged')}
    />
  );
}
