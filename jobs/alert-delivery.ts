import type { Db } from '@/db/client';
import { enqueueAlertDeliveries, sendDueDeliveries } from '@/features/delivery/deliver';
import { deliveryConfigFromEnv } from '@/platform/delivery/config';

/** The scheduled job (every minute): queue, then send. A failure is logged (the next minute tries again), never thrown. */
export async function alertDelivery(db: Db, now = new Date(), config = deliveryConfigFromEnv()) {
  try {
    enqueueAlertDeliveries(db, now, config);
    return await sendDueDeliveries(db, now, config);
  } catch (error) {
    console.error('[jobs] alert-delivery failed', error);
    return { delivered: 0, failed: 0 };
  }
}
