import { defineConfig } from '@playwright/test';
import main from './playwright.config';
import { E2E_PG_PORT } from './tests/e2e/config';

// The core flows on PostgreSQL (issue 16): the production server (`npm start`, reusing the build `npm run
// test:e2e` made) on a throwaway PostgreSQL cluster, or FENGHUO_TEST_DATABASE_URL's server, seeded with the
// demo academy by its own start (tests/e2e/pg/global-setup.ts). It runs the SQLite run's own specs, the
// tests whose titles carry the tag @pg, and their helpers then read the PostgreSQL database
// (tests/e2e/e2e-db.ts): login (login.spec), filing an incident (intake-forms.spec, and the tier II incident
// of alerts.spec), import with preview and confirm (import.spec), ratings and their publication
// (ratings.spec), the heatmaps (heatmaps.spec) and alert acknowledgement (alerts.spec). Then crash safety,
// its server on a database of its own on the same cluster.
export default defineConfig({
  ...main,
  globalSetup: './tests/e2e/pg/global-setup.ts',
  use: { ...main.use, baseURL: `http://localhost:${E2E_PG_PORT}` },
  projects: [
    { name: 'pg', grep: /@pg/, testIgnore: [/\/crash-safety\.spec\.ts$/, /\/multi\//] },
    { name: 'pg-crash-safety', testMatch: /\/crash-safety\.spec\.ts$/, dependencies: ['pg'] },
  ],
  webServer: undefined,
});
