import type { Queryable } from '@/db/tx';
import { deliveryCounts, recentDeliveries } from '@/db/delivery/deliveries';

export type DeliveryStatusRow = Awaited<ReturnType<typeof recentDeliveries>>[number];

/** The office's status view: how many deliveries are in each state, and the latest ones with their alert. */
export async function deliveryStatus(q: Queryable, latest = 100) {
  return { counts: await deliveryCounts(q), rows: await recentDeliveries(q, latest) };
}
