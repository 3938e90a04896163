import type { Actor } from '@/domain/auth/actor';
import type { Locale } from '@/domain/i18n/locales';

// Which answers the page cache may keep, and for whom they are the same (decision 021).

/**
 * The dashboards: read far more often than the data behind them changes, by many people of the same role
 * and unit. Each of these pages depends only on the viewer's role and unit (their scope and what the role
 * may see or do), the language and the address; nothing on them names the person (the header fetches the
 * name and unread count itself). A page added here must keep that true.
 */
const CACHED_PAGES: readonly RegExp[] = [/^\/$/, /^\/heatmaps(\/(dimensions|matrix|calendar))?$/, /^\/domains(\/[A-Za-z0-9_-]+)?$/];

export interface RequestFacts {
  method: string;
  /** Path and query, as the request line carries them. */
  url: string;
  header: (name: string) => string | undefined;
}

/**
 * A browser's request for a whole page: a GET of a cached path that is not one of Next's own client
 * requests (a navigation's React payload, a prefetch, a server action), which answer differently.
 */
export function isCacheablePageRequest(r: RequestFacts): boolean {
  if (r.method !== 'GET') return false;
  if (r.header('rsc') !== undefined || r.header('next-router-prefetch') !== undefined || r.header('next-action') !== undefined)
    return false;
  const pathname = r.url.split('?')[0]!;
  return CACHED_PAGES.some((p) => p.test(pathname));
}

/** Everything a cached page may depend on besides the data: who (by role and unit), language, address. */
export function pageCacheKey(actor: Pick<Actor, 'role' | 'unitId'>, locale: Locale, url: string): string {
  return `${actor.role}|${actor.unitId}|${locale}|${url}`;
}
