// Concurrent API writers and readers against a running server, loopback only, bounded in time: the load
// test (tests/e2e/load.spec.ts, a few seconds) and the benchmark (bench/load.ts, 60 s) share it.
// node:http with one keep-alive socket per client, and no client-side timeouts: fetch's 10 s connect
// timeout would count a slow accept on a saturated machine as a failed request.
import http from 'node:http';
import { percentile } from './measure';

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

function request(
  agent: http.Agent,
  url: string,
  init: { method?: string; headers: Record<string, string>; body?: string },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: init.method ?? 'GET', headers: init.headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

function describeError(error: unknown): string {
  const e = error as Error & { code?: string };
  return `${e.code ?? ''} ${e.message}`.trim();
}

export interface LoadOptions {
  baseUrl: string;
  /** Tokens the writers take in turn (writer i uses tokens[i % n]). */
  writerTokens: string[];
  readerToken: string;
  /** How many write and read at once; by default the load of the test and the benchmark, 100 and 4. */
  writers?: number;
  readers?: number;
  durationMs: number;
  /** externalId prefix, unique to the run. */
  prefix: string;
  unitCodes: string[];
}

export interface LoadResult {
  durationMs: number;
  writes: { ok: number; rateLimited: number; failed: number; latencies: number[] };
  reads: { ok: number; rateLimited: number; failed: number; latencies: number[] };
  /** externalIds the server acknowledged as stored (200), each once. */
  acknowledged: Set<string>;
  /** The first few unexpected answers, for the failure message. */
  failures: string[];
  /** 429s that lacked a Retry-After header. */
  missingRetryAfter: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What the writers and readers of one run share: the options, the tally, the deadline, the sockets. */
interface Run {
  o: LoadOptions;
  result: LoadResult;
  until: number;
  agent: http.Agent;
  /** Keeps the first few unexpected answers for the failure message. */
  fail: (what: string) => void;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const o = { writers: 100, readers: 4, ...options };
  const result: LoadResult = {
    durationMs: 0,
    writes: { ok: 0, rateLimited: 0, failed: 0, latencies: [] },
    reads: { ok: 0, rateLimited: 0, failed: 0, latencies: [] },
    acknowledged: new Set(),
    failures: [],
    missingRetryAfter: 0,
  };
  const started = performance.now();
  const run: Run = {
    o,
    result,
    until: started + o.durationMs,
    agent: new http.Agent({ keepAlive: true, maxSockets: o.writers + o.readers }),
    fail: (what) => result.failures.length < 20 && result.failures.push(what),
  };
  await Promise.all([
    ...Array.from({ length: o.writers }, (_, i) => writer(run, i)),
    ...Array.from({ length: o.readers }, (_, i) => reader(run, i)),
  ]);
  result.durationMs = performance.now() - started;
  run.agent.destroy();
  return result;
}

/** Writer `i` posts one new incident after another until the deadline, resending an item that was rate-limited. */
async function writer(run: Run, i: number) {
  const token = run.o.writerTokens[i % run.o.writerTokens.length]!;
  let seq = 0;
  while (performance.now() < run.until) {
    if (await writeOne(run, token, i, seq)) seq++;
  }
}

/** One POST; whether the writer moves on to its next item (false: rate-limited, resend it). */
async function writeOne(run: Run, token: string, i: number, seq: number): Promise<boolean> {
  const { o, result, fail } = run;
  const externalId = `${o.prefix}-${i}-${seq}`;
  const day = String(1 + (seq % 28)).padStart(2, '0');
  const body = JSON.stringify({
    externalId,
    unitCode: o.unitCodes[i % o.unitCodes.length],
    domain: 'drones',
    dimension: 'loss',
    tier: 4,
    occurredAt: `2026-02-${day}T09:30:00+08:00`,
    summary: `load writer ${i} item ${seq}`,
  });
  const t = performance.now();
  try {
    const res = await request(run.agent, `${o.baseUrl}/api/v1/incidents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body,
    });
    const text = res.text;
    result.writes.latencies.push(performance.now() - t);
    if (res.status === 200) {
      const answer = JSON.parse(text) as { created: number; updated: number; unchanged: number };
      if (answer.created + answer.updated + answer.unchanged !== 1) fail(`write ${externalId}: ${text}`);
      result.acknowledged.add(externalId);
      result.writes.ok++;
      return true;
    }
    if (res.status === 429) {
      result.writes.rateLimited++;
      const retry = Number(res.headers['retry-after']);
      if (!retry) result.missingRetryAfter++;
      // Back off as told (capped, so a short run still ends on time), then resend the same item.
      await sleep(Math.min(retry * 1000 || 1000, 1000));
      return false;
    }
    result.writes.failed++;
    fail(`write ${externalId}: ${res.status} ${text.slice(0, 200)}`);
  } catch (error) {
    result.writes.failed++;
    fail(`write ${externalId}: ${describeError(error)}`);
  }
  return true;
}

/** Reader `i` lists an institute's incidents again and again until the deadline. */
async function reader({ o, result, until, agent, fail }: Run, i: number) {
  while (performance.now() < until) {
    const t = performance.now();
    try {
      const res = await request(agent, `${o.baseUrl}/api/v1/incidents?limit=50&unit=${o.unitCodes[i % o.unitCodes.length]}`, {
        headers: { authorization: `Bearer ${o.readerToken}` },
      });
      const text = res.text;
      result.reads.latencies.push(performance.now() - t);
      if (res.status === 200 && Array.isArray((JSON.parse(text) as { data: unknown }).data)) result.reads.ok++;
      else if (res.status === 429) {
        result.reads.rateLimited++;
        await sleep(200);
      } else {
        result.reads.failed++;
        fail(`read: ${res.status} ${text.slice(0, 200)}`);
      }
    } catch (error) {
      result.reads.failed++;
      fail(`read: ${describeError(error)}`);
    }
  }
}

export function describeLoad(r: LoadResult): string {
  const s = r.durationMs / 1000;
  const w = r.writes;
  const rd = r.reads;
  return [
    `writes: ${w.ok} stored (${(w.ok / s).toFixed(0)}/s), ${w.rateLimited} rate-limited, ${w.failed} failed; latency p50 ${percentile(w.latencies, 50).toFixed(0)} ms, p95 ${percentile(w.latencies, 95).toFixed(0)} ms, max ${percentile(w.latencies, 100).toFixed(0)} ms`,
    `reads:  ${rd.ok} answered (${(rd.ok / s).toFixed(0)}/s), ${rd.rateLimited} rate-limited, ${rd.failed} failed; latency p50 ${percentile(rd.latencies, 50).toFixed(0)} ms, p95 ${percentile(rd.latencies, 95).toFixed(0)} ms`,
  ].join('\n');
}
