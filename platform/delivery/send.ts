import nodemailer, { type Transporter } from 'nodemailer';
import type { alerts } from '@/db/schema';
import type { DeliveryConfig } from '@/platform/delivery/config';
import { signBody } from '@/platform/delivery/sign';

// Sending one delivery. Both throw on failure; the job records it and retries later.

type Alert = typeof alerts.$inferSelect;
export interface AlertMessage {
  alert: Alert;
  unitCode: string | null;
  unitName: string | null;
  unitNameEn: string | null;
}

const colourZh = { blue: '蓝', yellow: '黄', orange: '橙', red: '红' } as const;
const colourEn = { blue: 'Blue', yellow: 'Yellow', orange: 'Orange', red: 'Red' } as const;

const transports = new Map<string, Transporter>();
function transport(url: string): Transporter {
  let t = transports.get(url);
  if (!t) {
    t = nodemailer.createTransport(url);
    transports.set(url, t);
  }
  return t;
}

/** E-mail in Chinese with the English below; the Message-ID is fixed per delivery so mail systems can drop a resend. */
export async function sendAlertEmail(config: DeliveryConfig, deliveryId: number, to: string, m: AlertMessage): Promise<void> {
  if (!config.smtpUrl || !config.mailFrom) throw new Error('E-mail is not configured (FENGHUO_SMTP_URL, FENGHUO_MAIL_FROM)');
  const a = m.alert;
  const unit = m.unitCode ? `${m.unitName ?? ''}（${m.unitCode}）` : '全院';
  const unitEn = m.unitCode ? `${m.unitNameEn || m.unitName || ''} (${m.unitCode})` : 'Academy-wide';
  const fired = a.firedAt.toISOString();
  await transport(config.smtpUrl).sendMail({
    from: config.mailFrom,
    to,
    subject: `【烽火预警·${colourZh[a.colour]}】${a.messageZh}`,
    messageId: `<alert-${a.id}.delivery-${deliveryId}@fenghuo.local>`,
    headers: { 'X-Fenghuo-Alert': String(a.id) },
    text: [
      `预警等级：${colourZh[a.colour]}色`,
      `单位：${unit}`,
      `规则：${a.rule}`,
      `时间：${fired}`,
      '',
      a.messageZh,
      '',
      '---',
      `Level: ${colourEn[a.colour]}`,
      `Unit: ${unitEn}`,
      `Rule: ${a.rule}`,
      `Fired at: ${fired}`,
      '',
      a.messageEn,
    ].join('\n'),
  });
}

/** The webhook's JSON body; `idempotencyKey` is the same on every retry of the alert. */
export function webhookPayload(deliveryId: number, m: AlertMessage, sentAt: Date) {
  const a = m.alert;
  return {
    idempotencyKey: `alert-${a.id}`,
    deliveryId,
    sentAt: sentAt.toISOString(),
    alert: {
      id: a.id,
      rule: a.rule,
      subjectKind: a.subjectKind,
      subjectKey: a.subjectKey,
      period: a.period,
      colour: a.colour,
      unitCode: m.unitCode,
      domain: a.domain,
      messageZh: a.messageZh,
      messageEn: a.messageEn,
      details: a.details ?? null,
      firedAt: a.firedAt.toISOString(),
    },
  };
}

export async function sendAlertWebhook(config: DeliveryConfig, deliveryId: number, m: AlertMessage, now: Date): Promise<void> {
  if (!config.webhookUrl || !config.webhookSecret)
    throw new Error('The webhook is not configured (FENGHUO_WEBHOOK_URL, FENGHUO_WEBHOOK_SECRET)');
  const body = JSON.stringify(webhookPayload(deliveryId, m, now));
  const res = await fetch(config.webhookUrl, {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'x-fenghuo-signature': signBody(body, config.webhookSecret),
      'x-fenghuo-timestamp': String(Math.floor(now.getTime() / 1000)),
      'idempotency-key': `alert-${m.alert.id}`,
      'x-fenghuo-delivery': String(deliveryId),
    },
    signal: AbortSignal.timeout(10_000),
    redirect: 'error',
  });
  // Drain the body so the connection is released.
  await res.arrayBuffer().catch(() => undefined);
  if (!res.ok) throw new Error(`Webhook answered HTTP ${res.status}`);
}
