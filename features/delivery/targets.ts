import type { Queryable } from '@/db/tx';
import { mailRecipients, type AlertRow } from '@/db/delivery/deliveries';
import type { DeliveryChannel } from '@/db/schema';
import { seesWholeAcademy } from '@/domain/auth/roles';
import { roles } from '@/domain/reference/roles';
import { emailConfigured, webhookConfigured, type DeliveryConfig } from '@/platform/delivery/config';
import { deliveryRoutes, rolesReceiving, type DeliveryRoutes } from './routes';

export interface DeliveryTarget {
  channel: DeliveryChannel;
  recipient: string;
}

const academyWide = roles.filter(seesWholeAcademy);

/**
 * Who is told of an alert: by e-mail, the users whose role receives its colour (the office's routes) and
 * whose scope holds its unit, each address once; by webhook, when the routes send its colour there. One
 * enqueuing pass reuses the recipients of a (colour, unit) it has already looked up: a flood's alerts share
 * a few units, so it costs a few queries, not one per alert (decision 030). The routes are read once, here;
 * the recipients through the transaction the returned function is given.
 */
export async function deliveryTargets(
  q: Queryable,
  config: DeliveryConfig,
): Promise<(tx: Queryable, alert: AlertRow) => Promise<DeliveryTarget[]>> {
  const routes: DeliveryRoutes = await deliveryRoutes(q);
  const looked = new Map<string, Awaited<ReturnType<typeof mailRecipients>>>();
  const recipients = async (tx: Queryable, alert: AlertRow) => {
    const key = `${alert.colour}|${alert.unitPath ?? ''}`;
    let r = looked.get(key);
    if (!r)
      looked.set(key, (r = await mailRecipients(tx, rolesReceiving(routes, alert.colour), { academyWide, unitPath: alert.unitPath })));
    return r;
  };
  return async (tx, alert) => {
    const targets: DeliveryTarget[] = [];
    if (emailConfigured(config)) {
      const seen = new Set<string>();
      for (const u of await recipients(tx, alert)) {
        const email = u.email.trim().toLowerCase();
        if (email && !seen.has(email)) {
          seen.add(email);
          targets.push({ channel: 'email', recipient: email });
        }
      }
    }
    if (webhookConfigured(config) && routes.webhook.includes(alert.colour))
      targets.push({ channel: 'webhook', recipient: config.webhookUrl! });
    return targets;
  };
}
