import { defineConfig } from '@playwright/test';
import main from './playwright.config';
import { NGINX_URL } from './tests/e2e/multi/config';

// Several app servers on one database (issue 16, README "Several servers"): two production servers on two
// ports behind Debian's nginx (round robin), started by the global setup (tests/e2e/multi/global-setup.ts) on
// PostgreSQL (a throwaway cluster, as the `pg` vitest project starts one, or FENGHUO_TEST_DATABASE_URL's
// server); FENGHUO_MULTI_ENGINE=sqlite runs the same tests on one SQLite file both servers open.
// `npm run test:e2e` runs it after the main and trusted-proxy runs, reusing their build. The tests share the
// servers and restart or kill them, so they run one after the other.
export default defineConfig({
  ...main,
  testDir: './tests/e2e/multi',
  fullyParallel: false,
  workers: 1,
  timeout: 120_000,
  globalSetup: './tests/e2e/multi/global-setup.ts',
  use: { ...main.use, baseURL: NGINX_URL },
  projects: [{ name: 'multi' }],
  webServer: undefined,
});
