import { env } from '@/server/env';

export interface DeliveryConfig {
  smtpUrl?: string;
  mailFrom?: string;
  webhookUrl?: string;
  webhookSecret?: string;
}

/** The channels configured in the environment (FENGHUO_SMTP_URL, FENGHUO_MAIL_FROM, FENGHUO_WEBHOOK_*). */
export function deliveryConfigFromEnv(): DeliveryConfig {
  const e = env();
  return {
    smtpUrl: e.FENGHUO_SMTP_URL,
    mailFrom: e.FENGHUO_MAIL_FROM,
    webhookUrl: e.FENGHUO_WEBHOOK_URL,
    webhookSecret: e.FENGHUO_WEBHOOK_SECRET,
  };
}

export const emailConfigured = (c: DeliveryConfig) => Boolean(c.smtpUrl && c.mailFrom);
export const webhookConfigured = (c: DeliveryConfig) => Boolean(c.webhookUrl && c.webhookSecret);
