import type { Db } from '@/db/tx';
import { enqueueAlertDeliveries, sendDueDeliveries } from '@/features/delivery/deliver';
import { deliveryConfigFromEnv } from '@/platform/delivery/config';
import type { Job } from './runner';

/** Queue, then send. A failure is logged (the next minute tries again), never thrown. */
export async function alertDelivery(db: Db, now = new Date(), config = deliveryConfigFromEnv()) {
  try {
    await enqueueAlertDeliveries(db, now, config);
    return await sendDueDeliveries(db, now, config);
  } catch (error) {
    console.error('[jobs] alert-delivery failed', error);
    return { delivered: 0, failed: 0 };
  }
}

/**
 * Every minute: the e-mails and webhooks of new alerts (retries with backoff). Each message is queued and
 * claimed on its own (features/delivery/deliver.ts), so the minute itself is not claimed.
 */
export const alertDeliveryJob: Job = {
  name: 'alert-delivery',
  schedule: '* * * * *',
  claim: 'inside',
  period: (now) => now.toISOString().slice(0, 16),
  run: (db, _minute, now) => alertDelivery(db, now),
};
