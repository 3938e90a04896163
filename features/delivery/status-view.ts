import type { Db } from '@/db/client';
import { deliveryCounts, recentDeliveries } from '@/db/delivery/deliveries';

export type DeliveryStatusRow = ReturnType<typeof recentDeliveries>[number];

/** The office's status view: how many deliveries are in each state, and the latest ones with their alert. */
export function deliveryStatus(db: Db, latest = 100) {
  return { counts: deliveryCounts(db), rows: recentDeliveries(db, latest) };
}
