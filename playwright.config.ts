import { defineConfig } from '@playwright/test';
import { E2E_BASE_URL, E2E_DB, E2E_PORT } from './tests/e2e/config';

// End-to-end tests drive the production build (`npm start`, exactly as the README says) in Debian's
// Chromium, on a database created fresh for the run and filled with the demo data.
export default defineConfig({
  testDir: './tests/e2e',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL: E2E_BASE_URL,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1366, height: 768 },
    trace: 'off',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  // The specs that start servers of their own and load them (crash safety, load), and the upload storm, run after the rest, one
  // after the other, so that their timings do not depend on what else the machine is running.
  projects: [
    // tests/e2e/multi/ is the multi-server run's own (playwright.multi.config.ts).
    { name: 'main', testIgnore: [/\/(crash-safety|load|upload-storm|trusted-proxy|offthread|big-writes)\.spec\.ts$/, /\/multi\//] },
    { name: 'crash-safety', testMatch: /crash-safety\.spec\.ts$/, dependencies: ['main'] },
    { name: 'load', testMatch: /\/load\.spec\.ts$/, dependencies: ['crash-safety'] },
    // The upload storm loads the suite's own server to its limits, so it comes last, alone.
    { name: 'storm', testMatch: /\/upload-storm\.spec\.ts$/, dependencies: ['load'] },
    // A 100,000-row import holds SQLite's write lock for tens of seconds (decision 032): every other writer,
    // a login among them, waits and is told to try again. So it runs after the storm, alone.
    { name: 'big-writes', testMatch: /\/big-writes\.spec\.ts$/, dependencies: ['storm'] },
    // 150,000 hazards in one institute on a server of its own (decision 031): after the big writes, alone.
    { name: 'offthread', testMatch: /\/offthread\.spec\.ts$/, dependencies: ['big-writes'] },
  ],
  webServer: {
    command: `rm -rf ${E2E_DB.replace(/\/[^/]+$/, '')} && npm start`,
    url: `${E2E_BASE_URL}/api/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    env: { FENGHUO_DB: E2E_DB, PORT: String(E2E_PORT), FENGHUO_SEED_DEMO: 'true', NEXT_TELEMETRY_DISABLED: '1' },
  },
});
