import { defineConfig } from '@playwright/test';
import main from './playwright.config';

// The same production server as the main run, but started as if behind a reverse proxy we run
// (FENGHUO_TRUST_PROXY=true), so that X-Forwarded-For names the client. `npm run test:e2e` runs it after
// the main config, on the same port.
const [server] = [main.webServer ?? []].flat();

export default defineConfig({
  ...main,
  projects: [{ name: 'trusted-proxy', testMatch: /\/trusted-proxy\.spec\.ts$/ }],
  webServer: { ...server!, env: { ...server!.env, FENGHUO_TRUST_PROXY: 'true' } },
});
