// Where the server's large provisional refreshes run (decision 031). The server registers its job thread
// here at start; without one (tests, the command line, a database in memory) everything is rated inline,
// as before. Kept on globalThis: Next may load this module once per route bundle.

/** Rates this year's provisional ratings as of `now` elsewhere; resolves once they are stored (or failed). */
export type ProvisionalRefresher = (now: Date) => Promise<void>;

const state = globalThis as unknown as { fenghuoRefresher?: ProvisionalRefresher | null };

export function setProvisionalRefresher(refresher: ProvisionalRefresher | null): void {
  state.fenghuoRefresher = refresher;
}

export function provisionalRefresher(): ProvisionalRefresher | null {
  return state.fenghuoRefresher ?? null;
}
