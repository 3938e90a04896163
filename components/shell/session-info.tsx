'use client';

import Link from 'next/link';
import { usePathname, useSearchParams } from 'next/navigation';
import { createContext, useCallback, useContext, useEffect, useState } from 'react';

// The person's name and unread-alert count, fetched by the browser: the rest of every page depends only on
// the viewer's role, unit and language, so one rendering can serve everyone who shares them (decision 021).

interface SessionInfo {
  displayName: string;
  unread: number;
}

/** Sent by anything that changes the unread count (marking alerts read) so the header follows at once. */
export const SESSION_INFO_CHANGED = 'fenghuo:session-info-changed';
const REFRESH_MS = 60_000;

const Context = createContext<SessionInfo | null>(null);

export function SessionInfoProvider({ children }: { children: React.ReactNode }) {
  const [info, setInfo] = useState<SessionInfo | null>(null);
  const pathname = usePathname();
  const search = useSearchParams().toString();
  const load = useCallback(() => {
    fetch('/api/session', { cache: 'no-store' })
      .then((res) => (res.ok ? (res.json() as Promise<SessionInfo>) : null))
      .then((next) => {
        if (next) setInfo(next);
      })
      .catch(() => {
        // Offline or restarting: keep what is shown; the next refresh tries again.
      });
  }, []);
  // Again on every navigation: opening an alert marks it read.
  useEffect(load, [load, pathname, search]);
  useEffect(() => {
    const timer = setInterval(load, REFRESH_MS);
    window.addEventListener(SESSION_INFO_CHANGED, load);
    window.addEventListener('focus', load);
    return () => {
      clearInterval(timer);
      window.removeEventListener(SESSION_INFO_CHANGED, load);
      window.removeEventListener('focus', load);
    };
  }, [load]);
  return <Context.Provider value={info}>{children}</Context.Provider>;
}

export function CurrentUserName() {
  const info = useContext(Context);
  // Keeps the line's height while loading, so the header does not jump.
  return <span data-testid="current-user-name">{info?.displayName ?? '\u00a0'}</span>;
}

/** The red count beside "Alerts" in the navigation. */
export function UnreadBadge({ label }: { label: string }) {
  const unread = useContext(Context)?.unread ?? 0;
  if (!unread) return null;
  return (
    <span
      className="ml-2 rounded-full bg-red-600 px-1.5 py-0.5 text-[11px] font-semibold text-white"
      aria-label={label.replace('{n}', String(unread))}
    >
      {unread > 999 ? '999+' : unread}
    </span>
  );
}

/** The header's link to the inbox: "N unread alerts", or just "Alerts". */
export function UnreadAlertsLink({ label, plain }: { label: string; plain: string }) {
  const unread = useContext(Context)?.unread ?? 0;
  return (
    <Link
      href="/alerts"
      data-testid="unread-alerts"
      data-count={unread}
      className={`rounded-md px-2 py-1 text-sm ${unread ? 'bg-red-50 font-semibold text-red-800 hover:bg-red-100' : 'text-gray-600 hover:bg-gray-100'}`}
    >
      {unread ? label.replace('{n}', String(unread)) : plain}
    </Link>
  );
}
