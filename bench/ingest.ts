// `npm run bench -- ingest` (issue 16: API ingest ≥ 2,000 records/s): incidents posted to the production server
// (server/serve.ts, as `npm start` runs it; needs `npx next build`) as 5,000-item arrays by a few clients at
// once, the way an institute's system catches up, beside the engine's own driver inserting the same rows in
// one transaction per batch (one prepared INSERT per row). Run once per engine by bench/index.ts.
//   BENCH_INGEST_BATCHES (default 20), BENCH_BATCH (default 5000), BENCH_INGEST_CLIENTS (default 2),
//   BENCH_INGEST_PORT (default 3330).
import http from 'node:http';
import { benchLocation, engineName, removeBenchDb } from './bench-db';
import { openRawDb } from './raw-db';
import { RAW_INCIDENT_COLUMNS, rawIncidentRow } from './raw-incidents';
import { report } from './report';
import { cli, startServer } from './server-process';

const BATCHES = Number(process.env.BENCH_INGEST_BATCHES ?? 20);
const BATCH = Number(process.env.BENCH_BATCH ?? 5000);
const CLIENTS = Number(process.env.BENCH_INGEST_CLIENTS ?? 2);
const PORT = Number(process.env.BENCH_INGEST_PORT ?? 3330);
const SUMMARY = '无人机试飞失控坠落，无人员伤亡';

/** One POST by node:http (fetch's client timeouts and socket reuse are not what is measured here): status and body. */
function post(url: string, token: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        agent: false,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Batch `b`'s items: incidents spread over the institutes, each with an externalId of its own. */
function items(prefix: string, b: number, codes: string[]) {
  return Array.from({ length: BATCH }, (_, i) => {
    const day = String(1 + (i % 28)).padStart(2, '0');
    return {
      externalId: `${prefix}-${b}-${i}`,
      unitCode: codes[(b * BATCH + i) % codes.length]!,
      domain: 'drones',
      dimension: 'loss',
      tier: 4,
      occurredAt: `2026-03-${day}T09:30:00+08:00`,
      reportedAt: `2026-03-${day}T11:00:00+08:00`,
      directLossCny: 12000 + i,
      summary: SUMMARY,
    };
  });
}

async function main(): Promise<void> {
  const location = benchLocation(`ingest-${process.pid}`);
  const server = await startServer({
    port: PORT,
    db: location,
    env: { FENGHUO_BACKUP_KEEP: '0', FENGHUO_API_RATE: '0' },
    timeoutMs: 300_000,
  });
  const raw = await openRawDb(location);
  try {
    const token = cli(location, 'token', 'create', '--user', 'office').trim();
    const units = await raw.rows("SELECT code, id, institute_id FROM units WHERE kind = 'institute' ORDER BY code");
    const codes = units.map(([code]) => code as string);
    const prefix = `ING${process.pid}`;
    console.log(`${BATCHES} batches of ${BATCH} incidents, ${CLIENTS} clients at once, on ${engineName} (${codes.length} institutes)`);

    // The product: POST /api/v1/incidents, each client sending its share of the batches one after another.
    const latencies: number[] = [];
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        for (let b = next++; b < BATCHES; b = next++) {
          const body = JSON.stringify(items(prefix, b, codes));
          const t0 = performance.now();
          const res = await post(`${server.url}/api/v1/incidents`, token, body);
          if (res.status !== 200) throw new Error(`batch ${b}: HTTP ${res.status} ${res.text.slice(0, 300)}`);
          latencies.push(performance.now() - t0);
        }
      }),
    );
    const productMs = performance.now() - started;
    const [[stored]] = (await raw.rows('SELECT count(*) FROM incidents WHERE external_id LIKE ?', [`${prefix}-%`])) as [[number]];
    if (stored !== BATCHES * BATCH) throw new Error(`stored ${stored} of ${BATCHES * BATCH}`);

    // The raw engine: the same rows, one transaction per batch, in the engine's fastest plain way
    // (RawDb.insertMany: SQLite one prepared INSERT a row, pg ~1,000-row INSERTs), one client.
    const byCode = new Map(units.map(([code, id, institute]) => [code as string, [id, institute] as const]));
    const rawBatches = Array.from({ length: BATCHES }, (_, b) =>
      items(`RAW${prefix}`, b, codes).map((item) => {
        const [unit, institute] = byCode.get(item.unitCode)!;
        return rawIncidentRow(
          item.externalId,
          unit,
          institute,
          Date.parse(item.occurredAt),
          Date.parse(item.reportedAt),
          item.directLossCny,
          item.summary,
        );
      }),
    );
    const rawStarted = performance.now();
    for (const rows of rawBatches) await raw.transaction(() => raw.insertMany('incidents', RAW_INCIDENT_COLUMNS, rows));
    const rawMs = performance.now() - rawStarted;

    const perSec = (BATCHES * BATCH) / (productMs / 1000);
    const rawPerSec = (BATCHES * BATCH) / (rawMs / 1000);
    latencies.sort((a, b) => a - b);
    console.log(
      `  product (HTTP, validate, store, audit): ${(productMs / 1000).toFixed(1)} s, ${perSec.toFixed(0)} records/s; per batch median ${latencies[Math.floor(latencies.length / 2)]!.toFixed(0)} ms, worst ${latencies.at(-1)!.toFixed(0)} ms`,
    );
    console.log(
      `  raw ${engineName} (same rows, a transaction per batch): ${(rawMs / 1000).toFixed(1)} s, ${rawPerSec.toFixed(0)} records/s`,
    );
    console.log(`  ratio raw / product: ${(rawPerSec / perSec).toFixed(1)}  (target: at least 2,000 records/s for the product)`);
    report('ingest', [
      { figure: `API ingest, ${BATCH}-item batches`, value: perSec, unit: 'records/s', raw: rawPerSec, goal: { min: 2000 } },
    ]);
  } catch (error) {
    console.error(`server output (last lines):\n${server.log().split('\n').slice(-30).join('\n')}`);
    throw error;
  } finally {
    await raw.close();
    await server.kill('SIGTERM');
    removeBenchDb(location);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
