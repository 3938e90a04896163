import { z } from 'zod';

// The configuration is read and checked once; a bad value stops the start with the variable's name.
const booleanString = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

export const envSchema = z
  .object({
    FENGHUO_DB: z.string().trim().min(1, 'must be a file path').default('./data/fenghuo.db'),
    PORT: z.coerce
      .number({ message: 'must be a whole number' })
      .int('must be a whole number')
      .min(1, 'must be between 1 and 65535')
      .max(65535, 'must be between 1 and 65535')
      .default(3000),
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
  });

export type Env = z.infer<typeof envSchema>;

export class ConfigError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): Env {
  // An empty variable means "not set", as a shell's `X= npm start` would suggest.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(environment)'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}

let cached: Env | undefined;

/** The validated configuration of this process. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
