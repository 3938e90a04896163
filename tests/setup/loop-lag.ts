// How long the event loop keeps a prompt request waiting, as a client asking the health check every 20 ms
// would see it: a probe fires every 20 ms, and a gap of G ms between probes means the requests that arrived
// during it waited G, G - 20, G - 40, ... ms (one long stall is many slow answers, not one). The last
// stretch counts too: work that never yields runs to its end without letting the probe fire once.

const PROBE_MS = 20;

export interface LagFigures {
  p50: number;
  p95: number;
  max: number;
  samples: number;
}

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length * p) / 100))] ?? 0;

export function figures(lags: number[]): LagFigures {
  return { p50: percentile(lags, 50), p95: percentile(lags, 95), max: Math.max(0, ...lags), samples: lags.length };
}

export const describeLag = (f: LagFigures) =>
  `p50 ${f.p50.toFixed(0)} ms, p95 ${f.p95.toFixed(0)} ms, max ${f.max.toFixed(0)} ms (${f.samples} probes)`;

/** Runs `work` while probing; answers its result and the probes' lateness (each probe calls `ask`). */
export async function lagDuring<T>(work: () => Promise<T>, ask: () => unknown = () => undefined): Promise<{ result: T; lag: LagFigures }> {
  const lags: number[] = [];
  let last = performance.now();
  const waits = (gap: number) => {
    lags.push(Math.max(0, gap - PROBE_MS));
    for (let wait = gap - 2 * PROBE_MS; wait > 0; wait -= PROBE_MS) lags.push(wait);
  };
  const timer = setInterval(() => {
    ask();
    const now = performance.now();
    waits(now - last);
    last = now;
  }, PROBE_MS);
  try {
    const result = await work();
    waits(performance.now() - last);
    return { result, lag: figures(lags) };
  } finally {
    clearInterval(timer);
  }
}
