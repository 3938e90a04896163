// Where the server's large re-ratings run (decisions 031, 045). The server registers its job thread here at
// start; without one (tests, the command line, a database in memory) everything is rated inline. The
// refresh handed over last is kept, so that a read can wait for it a bounded time. Kept on globalThis:
// Next may load this module once per route bundle.

/** Brings every followed year's stored ratings up to date as of `now` elsewhere; resolves once stored (or failed). */
export type ProvisionalRefresher = (now: Date) => Promise<void>;

const state = globalThis as unknown as { fenghuoRefresher?: ProvisionalRefresher | null; fenghuoHandedOver?: Promise<void> | null };

export function setProvisionalRefresher(refresher: ProvisionalRefresher | null): void {
  state.fenghuoRefresher = refresher;
  state.fenghuoHandedOver = null;
}

export function provisionalRefresher(): ProvisionalRefresher | null {
  return state.fenghuoRefresher ?? null;
}

/**
 * Hands a refresh to the job thread and returns its promise (never rejecting), or null when there is no
 * thread. Until it settles, `handedOver()` answers it.
 */
export function handOver(now: Date): Promise<void> | null {
  const refresher = provisionalRefresher();
  if (!refresher) return null;
  const done: Promise<void> = refresher(now)
    .catch((error: unknown) => console.error('[rating] a refresh handed to the job thread failed', error))
    .finally(() => {
      if (state.fenghuoHandedOver === done) state.fenghuoHandedOver = null;
    });
  state.fenghuoHandedOver = done;
  return done;
}

/** The refresh handed to the job thread that has not settled yet, if any. */
export function handedOver(): Promise<void> | null {
  return state.fenghuoHandedOver ?? null;
}
