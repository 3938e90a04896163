import { expect, test } from './fixtures';
import { E2E_BASE_URL, E2E_PORT } from './config';
import { logIn, readDb } from './helpers';
import { pidListeningOn, rssMb } from './server-pid';
import { incidentCsv, sharedStringsBomb } from '../setup/hostile-uploads';

// The upload storm (issue 13, items 4 and 5) against the production server Playwright started: 20 concurrent
// XLSX whose shared strings expand to 185 MB each (under the zip-bomb checks) and 12 concurrent previews of
// 100,000-row CSVs, all at once. Meanwhile the health check and a page are timed, and the server's memory
// sampled. Every upload is answered (refused in its report, or 503 with Retry-After past the pool's queue),
// the server stays up and answers promptly, its memory stays bounded and no failed preview leaves an upload
// staged.

/** The ids of the uploads staged in the database, waiting for their confirmation. */
function stagedIds(): string[] {
  const db = readDb();
  try {
    return (db.prepare('SELECT id FROM staged_imports').all() as { id: string }[]).map((r) => r.id);
  } finally {
    db.close();
  }
}

interface Answer {
  status: number;
  retryAfter?: string;
  error?: string;
  report?: { ok: boolean; rows: number; fileError?: string };
  stagedId?: string;
}

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length * p) / 100))]!;

/** Times GET `url` back to back (50 ms apart) until `stop` says so. */
async function timeWhile(url: string, stopped: () => boolean): Promise<number[]> {
  const times: number[] = [];
  while (!stopped()) {
    const started = performance.now();
    const res = await fetch(url, { redirect: 'manual' });
    await res.arrayBuffer();
    expect(res.status, url).toBeLessThan(500);
    times.push(performance.now() - started);
    await new Promise((r) => setTimeout(r, 50));
  }
  return times;
}

test('the upload storm: hostile XLSX and 100,000-row previews at once leave the server up, prompt and bounded', async ({ page }) => {
  test.setTimeout(600_000);
  const pid = pidListeningOn(E2E_PORT);
  expect(pid, 'the server process').not.toBeNull();
  await logIn(page, 'bj01.reporter');
  const [bomb, csv] = [await sharedStringsBomb(), incidentCsv(100_000)];
  const stagedBefore = new Set(stagedIds());
  const rssBefore = rssMb(pid!);
  // The same timings on the idle server first: on a shared machine they say what the machine itself costs.
  let quiet = false;
  setTimeout(() => (quiet = true), 5_000);
  const [idleHealth, idlePage] = await Promise.all([
    timeWhile(`${E2E_BASE_URL}/api/health`, () => quiet),
    timeWhile(`${E2E_BASE_URL}/login`, () => quiet),
  ]);

  let done = false;
  let rssPeak = rssBefore;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssMb(pid!))), 100);
  const health = timeWhile(`${E2E_BASE_URL}/api/health`, () => done);
  const loginPage = timeWhile(`${E2E_BASE_URL}/login`, () => done);
  const send = async (name: string, buffer: Buffer): Promise<Answer> => {
    const res = await page.request.post('/intake/import/upload', {
      multipart: { step: 'preview', kind: 'incidents', file: { name, mimeType: 'application/octet-stream', buffer } },
      timeout: 540_000,
    });
    const text = await res.text();
    if (res.status() !== 200)
      return { status: res.status(), retryAfter: res.headers()['retry-after'], ...(JSON.parse(text) as { error: string }) };
    return { status: 200, ...(JSON.parse(text.trim().split('\n').at(-1)!) as Omit<Answer, 'status'>) };
  };
  const started = performance.now();
  // Interleaved, 20 ms apart, so that both kinds are among the uploads the pool admits.
  const order = Array.from({ length: 32 }, (_, i) => (i % 2 === 0 && i < 24 ? `rows-${i / 2}.csv` : `bomb-${i}.xlsx`));
  const answers = await Promise.all(
    order.map(async (name, i) => {
      await new Promise((r) => setTimeout(r, i * 20));
      return send(name, name.endsWith('.csv') ? csv : bomb);
    }),
  );
  const bombs = answers.filter((_, i) => order[i]!.endsWith('.xlsx'));
  const previews = answers.filter((_, i) => order[i]!.endsWith('.csv'));
  const stormSeconds = (performance.now() - started) / 1000;
  done = true;
  clearInterval(sampler);
  const [healthMs, pageMs] = await Promise.all([health, loginPage]);

  const figures = (ms: number[]) =>
    `p50 ${percentile(ms, 50).toFixed(0)} ms, p95 ${percentile(ms, 95).toFixed(0)} ms, max ${Math.max(...ms).toFixed(0)} ms (${ms.length} requests)`;
  console.log(`[storm] idle: /api/health ${figures(idleHealth)}; /login ${figures(idlePage)}`);
  console.log(`[storm] ${stormSeconds.toFixed(0)} s; /api/health ${figures(healthMs)}; /login ${figures(pageMs)}`);
  console.log(`[storm] server RSS ${rssBefore.toFixed(0)} MB before, peak ${rssPeak.toFixed(0)} MB, after ${rssMb(pid!).toFixed(0)} MB`);
  console.log(
    `[storm] bombs: ${bombs.filter((a) => a.status === 200).length} refused in a report, ${bombs.filter((a) => a.status === 503).length} busy; previews: ${previews.filter((a) => a.report?.ok).length} read, ${previews.filter((a) => a.status === 503).length} busy`,
  );

  for (const a of [...bombs, ...previews].filter((x) => x.status === 503)) {
    expect(Number(a.retryAfter)).toBeGreaterThan(0);
    expect(a.error).toMatch(/服务器正在处理其他导入/);
  }
  for (const a of bombs.filter((x) => x.status !== 503)) {
    expect(a.status).toBe(200);
    expect(a.report).toMatchObject({ ok: false });
    expect(a.report!.fileError).toMatch(/共享文本/);
  }
  for (const a of previews.filter((x) => x.status !== 503)) {
    expect(a.status).toBe(200);
    expect(a.report).toMatchObject({ ok: true, rows: 100_000 });
  }
  expect(bombs.some((a) => a.status === 200) && previews.some((a) => a.status === 200)).toBe(true);

  // Prompt throughout, alive and bounded after: the same process answers, and every staged file left is a
  // good preview's, waiting for its confirmation.
  // The storm may add at most 200 ms to the p95 of the idle server measured just before: on a quiet machine
  // that is a bound of about 200 ms; on a shared one, the delays the machine causes by itself are not the storm's.
  expect(percentile(healthMs, 95)).toBeLessThan(200 + percentile(idleHealth, 95));
  expect(percentile(pageMs, 95)).toBeLessThan(200 + percentile(idlePage, 95));
  expect(pidListeningOn(E2E_PORT)).toBe(pid);
  expect((await fetch(`${E2E_BASE_URL}/api/health`)).status).toBe(200);
  expect(rssPeak - rssBefore).toBeLessThan(900);
  const kept = previews.filter((a) => a.report?.ok).map((a) => a.stagedId!);
  expect(
    stagedIds()
      .filter((id) => !stagedBefore.has(id))
      .sort(),
  ).toEqual(kept.sort());
});
