// The production server: Next's request handler behind the page cache (decision 021), the second step of
// the start-up path (README "Quick start"). `npm start` runs it once it has built, migrated and seeded; the
// crash-safety and load tests and the benchmarks start it directly (bench/server-process.ts). Usage: node --import tsx server/serve.ts [--hostname H]
import http from 'node:http';

const PAGE_CACHE_BYTES = 64 * 1024 * 1024;

async function main(): Promise<void> {
  // Before Next and React are loaded: they choose their production builds by it.
  (process.env as Record<string, string>).NODE_ENV = 'production';
  const { env } = await import('@/server/env');
  const { getDb } = await import('@/db/client');
  const { PageStore } = await import('@/server/page-cache/store');
  const { withPageCache } = await import('@/server/page-cache/handler');
  const { default: next } = await import('next');

  const config = env();
  const at = process.argv.indexOf('--hostname');
  const hostname = at > 0 ? process.argv[at + 1] : undefined;
  const app = next({ dev: false, dir: process.cwd(), port: config.PORT, hostname });
  const handle = app.getRequestHandler();
  await app.prepare();

  const serve = withPageCache({
    // The process's one engine (kept on globalThis): Next's bundle reaches the same one, so the page cache
    // and the pages share one write queue on the file.
    db: getDb(),
    store: new PageStore(PAGE_CACHE_BYTES),
    trust: { trustProxy: config.FENGHUO_TRUST_PROXY, secureCookies: config.FENGHUO_SECURE_COOKIES },
    next: (req, res) => handle(req, res),
  });
  const server = http.createServer((req, res) => {
    void Promise.resolve(serve(req, res)).catch((error: unknown) => {
      console.error('[fenghuo] request failed:', error instanceof Error ? error.message : error);
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end();
    });
  });
  server.listen(config.PORT, hostname, () => console.log(`[fenghuo] Ready on port ${config.PORT}`));
  // Stops taking connections, lets answers in flight finish (at most 5 s), then exits. A second signal
  // (npm start forwards the terminal's Ctrl-C that the server also received) changes nothing.
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      setTimeout(() => process.exit(0), 5_000).unref();
      server.close(() => void app.close().finally(() => process.exit(0)));
      server.closeIdleConnections();
    });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
