'use client';

import { useActionState, useEffect } from 'react';
import { markAllAlertsReadAction } from '@/server/actions/alerts';
import { SESSION_INFO_CHANGED } from '@/components/shell/session-info';

/** "Mark all read" for the viewer's inbox; says how many were marked. */
export function MarkAllRead({ label, done }: { label: string; done: string }) {
  const [state, action, pending] = useActionState(markAllAlertsReadAction, null);
  // The header's unread count is fetched by the browser; tell it to look again.
  useEffect(() => {
    if (state?.ok) window.dispatchEvent(new Event(SESSION_INFO_CHANGED));
  }, [state]);
  return (
    <form action={action} className="flex items-center gap-2" data-testid="mark-all-read">
      {state?.ok ? (
        <span role="status" className="text-sm text-emerald-800">
          {done.replace('{n}', String(state.data.n))}
        </span>
      ) : null}
      {state && !state.ok ? (
        <span role="alert" className="text-sm text-red-800">
          {state.error}
        </span>
      ) : null}
      <button
        type="submit"
        disabled={pending}
        className="rounded-md border border-gray-300 bg-white px-3 py-1.5 text-sm text-gray-800 hover:bg-gray-100 disabled:opacity-60"
      >
        {label}
      </button>
    </form>
  );
}
