import { z } from 'zod';

// Building blocks the record kinds' schemas share. Messages are `validation.*` keys, said in the
// reader's language by lib/i18n/validation.ts.
export const externalId = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[^\s\p{Cc}]+$/u, 'validation.externalIdFormat');
export const unitCode = z.string().trim().min(1).max(64);
export const code = z.string().trim().min(1).max(64);
export const shortText = z.string().trim().max(500);
export const longText = z.string().max(10_000);
export const count = z.number().int().min(0).max(1_000_000);
export const cny = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
export const score = z.number().int().min(1).max(5);

/** Optional in the sense of API.md: absent keeps what is stored (or the default on create); null clears it. */
export const opt = <T extends z.ZodType>(schema: T) => schema.nullish();

export { instant } from './instant';
