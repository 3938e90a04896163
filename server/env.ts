import { z } from 'zod';
import { ConfigError, dbEnvShape, parseConfig } from '@/db/config';
import { DEFAULT_LIMITS } from '@/platform/spreadsheets/read/limits';

const STAGED_MIN_MB = Math.ceil(DEFAULT_LIMITS.maxBytes / 1024 / 1024);

// The configuration is read and checked once; a bad value stops the start with the variable's name.
const booleanString = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** A whole number read from a variable's text, refused in the same words for a word and for a fraction. */
const wholeNumber = (what: string) => z.coerce.number({ message: `must be ${what}` }).int(`must be ${what}`);

export const envSchema = z
  .object({
    // FENGHUO_DB and FENGHUO_DB_BUSY_TIMEOUT_MS: db/ checks them itself (db/config.ts), with these rules.
    ...dbEnvShape,
    PORT: wholeNumber('a whole number').min(1, 'must be between 1 and 65535').max(65535, 'must be between 1 and 65535').default(3000),
    FENGHUO_SEED_DEMO: booleanString.default(true),
    FENGHUO_ADMIN_LOGIN: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_.@-]{3,64}$/, 'must be 3-64 letters, digits or _ . @ -')
      .optional(),
    FENGHUO_ADMIN_PASSWORD: z.string().min(10, 'must be at least 10 characters').max(256).optional(),
    FENGHUO_SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    // A TTF/OTF file (a .ttc collection with "#FaceName") for PDF documents; default: the bundled Noto Sans SC.
    FENGHUO_PDF_FONT: z.string().trim().min(1).optional(),
    FENGHUO_PDF_FONT_BOLD: z.string().trim().min(1).optional(),
    // Alert delivery (docs/decisions/014-alert-delivery.md): e-mail through SMTP, and a signed JSON webhook.
    FENGHUO_SMTP_URL: z
      .string()
      .trim()
      .regex(/^smtps?:\/\/\S+$/, 'must be an smtp:// or smtps:// URL, e.g. smtp://user:pass@mail.example.org:587')
      .optional(),
    FENGHUO_MAIL_FROM: z.string().trim().min(3, 'must be a sender address, e.g. "烽火 <fenghuo@example.org>"').optional(),
    FENGHUO_WEBHOOK_URL: z.url({ protocol: /^https?$/, message: 'must be an http:// or https:// URL' }).optional(),
    FENGHUO_WEBHOOK_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
    // Nightly backups (docs/decisions/015): the folder (default: `backups` beside the database) and how
    // many to keep (0 turns the nightly backup off).
    FENGHUO_BACKUP_DIR: z.string().trim().min(1, 'must be a folder path').optional(),
    FENGHUO_BACKUP_KEEP: wholeNumber('a whole number').min(0, 'must be 0 (off) or more').max(1000, 'must be at most 1000').default(7),
    // API rate limit per token: a bucket of FENGHUO_API_BURST requests refilled at FENGHUO_API_RATE per
    // second (0 turns the limit off).
    FENGHUO_API_RATE: z.coerce.number({ message: 'must be a number' }).min(0, 'must be 0 (off) or more').max(100_000).default(50),
    FENGHUO_API_BURST: wholeNumber('a whole number').min(1, 'must be at least 1').max(1_000_000).default(200),
    // Uploads staged between their preview and its confirmation, in MB (decision 025): per user, and in
    // total. A user's bound holds at least one file of the 20 MB upload limit.
    FENGHUO_STAGED_MB_PER_USER: wholeNumber('a whole number')
      .min(STAGED_MIN_MB, `must be at least ${STAGED_MIN_MB} (one file of the upload limit)`)
      .max(1_000_000)
      .default(100),
    FENGHUO_STAGED_MB_TOTAL: wholeNumber('a whole number')
      .min(STAGED_MIN_MB, `must be at least ${STAGED_MIN_MB} (one file of the upload limit)`)
      .max(10_000_000)
      .default(1000),
    // How long a page or API read waits for a provisional re-rating running in the job thread before it
    // answers from the stored ratings, saying they are being recomputed (decision 031).
    FENGHUO_RATING_WAIT_MS: wholeNumber('a whole number of milliseconds')
      .min(0, 'must be 0 (never wait) or more')
      .max(60_000, 'must be at most 60000 (1 minute)')
      .default(1500),
    // How long the server waits at start for the job thread's catch-up (ratings, alerts, bulletin) before it
    // serves: a usual installation's first pages then show today's jobs; 0 serves at once (decision 031).
    FENGHUO_START_WAIT_MS: wholeNumber('a whole number of milliseconds')
      .min(0, 'must be 0 (serve at once) or more')
      .max(600_000, 'must be at most 600000 (10 minutes)')
      .default(10_000),
    // A reverse proxy we run sets X-Forwarded-For/-Proto/-Host; only then are they believed (decision 017).
    FENGHUO_TRUST_PROXY: booleanString.default(false),
    // Secure on cookies: unset, when the request came over HTTPS; true or false to force it either way.
    FENGHUO_SECURE_COOKIES: booleanString.optional(),
  })
  .superRefine((env, ctx) => {
    if (Boolean(env.FENGHUO_ADMIN_LOGIN) !== Boolean(env.FENGHUO_ADMIN_PASSWORD)) {
      ctx.addIssue({
        code: 'custom',
        path: [env.FENGHUO_ADMIN_LOGIN ? 'FENGHUO_ADMIN_PASSWORD' : 'FENGHUO_ADMIN_LOGIN'],
        message: 'FENGHUO_ADMIN_LOGIN and FENGHUO_ADMIN_PASSWORD must be set together',
      });
    }
    if (env.FENGHUO_SMTP_URL && !env.FENGHUO_MAIL_FROM)
      ctx.addIssue({ code: 'custom', path: ['FENGHUO_MAIL_FROM'], message: 'is required when FENGHUO_SMTP_URL is set' });
    if (env.FENGHUO_STAGED_MB_TOTAL < env.FENGHUO_STAGED_MB_PER_USER)
      ctx.addIssue({ code: 'custom', path: ['FENGHUO_STAGED_MB_TOTAL'], message: 'must be at least FENGHUO_STAGED_MB_PER_USER' });
    if (env.FENGHUO_WEBHOOK_URL && !env.FENGHUO_WEBHOOK_SECRET)
      ctx.addIssue({ code: 'custom', path: ['FENGHUO_WEBHOOK_SECRET'], message: 'is required when FENGHUO_WEBHOOK_URL is set' });
  });

export type Env = z.infer<typeof envSchema>;

export { ConfigError };

export function parseEnv(source: Record<string, string | undefined>): Env {
  return parseConfig(envSchema, source);
}

let cached: Env | undefined;

/** The validated configuration of this process. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
