import { sql, type SQL } from 'drizzle-orm';
import { rawAll, rawGet, rawRun } from '@/db/engine';
import type { Queryable, RunResult } from '@/db/tx';

// The record tests' own raw SQL (what is stored, row counts, a tampered row), written as the statements
// were before the async engine: text with `?` placeholders, the values bound in order.

/** `text` with each `?` replaced by the next value as a bound parameter. */
export function bound(text: string, params: readonly unknown[] = []): SQL {
  const parts = text.split('?');
  if (parts.length - 1 !== params.length) throw new Error(`${parts.length - 1} placeholders, ${params.length} values: ${text}`);
  const chunks: SQL[] = [sql.raw(parts[0]!)];
  params.forEach((value, i) => chunks.push(sql`${value}`, sql.raw(parts[i + 1]!)));
  return sql.join(chunks);
}

/** The first row of a raw query (the caller knows it exists). */
export async function sqlOne<T>(q: Queryable, text: string, ...params: unknown[]): Promise<T> {
  return (await rawGet<T>(q, bound(text, params))) as T;
}

/** Every row of a raw query. */
export function sqlAll<T = Record<string, unknown>>(q: Queryable, text: string, ...params: unknown[]): Promise<T[]> {
  return rawAll<T>(q, bound(text, params));
}

/** A raw write. */
export function sqlRun(q: Queryable, text: string, ...params: unknown[]): Promise<RunResult> {
  return rawRun(q, bound(text, params));
}
