import { z } from 'zod';

// Building blocks the record kinds' schemas share. Messages are `validation.*` keys, said in the
// reader's language by domain/i18n/validation.ts.
// Text is stored exactly as it will be compared on a resend. A lone UTF-16 surrogate would be stored as
// U+FFFD and a NUL cut or kept by chance, so every resend would "update" the record: both are refused.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const storable = (v: string) => !LONE_SURROGATE.test(v) && !v.includes('\u0000');
const text = () => z.string().refine(storable, 'validation.malformedText');

// A reference is kept exactly as sent: "SGO-ADS- " is refused rather than silently stored as "SGO-ADS-"
// (the spreadsheet path refuses it the same way before trimming its cells, platform/spreadsheets/read/normalize-cell.ts).
export const externalId = text()
  .min(1)
  .max(100)
  .refine((v) => v.trim() === v, 'validation.surroundingSpace')
  .regex(/^[^\s\p{Cc}]+$/u, 'validation.externalIdFormat');
export const unitCode = text().trim().min(1).max(64);
export const code = text().trim().min(1).max(64);
// Narratives are trimmed on every path (API, form, spreadsheet), so alternating between them never
// rewrites a record for its trailing spaces.
export const shortText = text().trim().max(500);
export const longText = text().trim().max(10_000);
export const count = z.number().int().min(0).max(1_000_000);
export const cny = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
export const score = z.number().int().min(1).max(5);

/** Optional in the sense of API.md: absent keeps what is stored (or the default on create); null clears it. */
export const opt = <T extends z.ZodType>(schema: T) => schema.nullish();

export { instant } from '@/domain/records/instant';
