import path from 'node:path';
import { defineConfig } from 'vitest/config';
import { pgSuite } from './tests/setup/pg-suite';

// Two projects, one per engine (issue 16, decision 046): `sqlite` is the suite as it always ran; `pg` runs
// its list (tests/setup/pg-suite.ts) against a real PostgreSQL server that its global setup starts (or names:
// FENGHUO_TEST_DATABASE_URL), with FENGHUO_DATABASE_URL set in each worker before the test file is imported.
const resolve = { alias: { '@': path.resolve(__dirname) } };
const exclude = ['node_modules/**', 'tests/e2e/**', '.tmp/**'];
const shared = { exclude, environment: 'node', pool: 'forks', testTimeout: 30_000, hookTimeout: 60_000 };

export default defineConfig({
  resolve,
  test: {
    projects: [
      {
        resolve,
        test: {
          ...shared,
          name: 'sqlite',
          // One engine's project after the other: on two cores the SQLite suite's timing tests (event-loop lag,
          // busy waits) would otherwise share the machine with the pg workers and the PostgreSQL server.
          sequence: { groupOrder: 0 },
          include: [
            'domain/**/*.test.ts',
            'features/**/*.test.ts',
            'platform/**/*.test.ts',
            'server/**/*.test.ts',
            'db/**/*.test.ts',
            'jobs/**/*.test.ts',
            'tests/unit/**/*.test.ts',
            'tests/integration/**/*.test.ts',
          ],
          // The pg engine's own tests need the pg project's server; an empty URL keeps a shell's own off SQLite's run.
          exclude: [...exclude, 'tests/integration/pg/**', 'tests/integration/pg-concurrency/**'],
          env: { NEXT_TELEMETRY_DISABLED: '1', FENGHUO_DATABASE_URL: '' },
        },
      },
      {
        resolve,
        test: {
          ...shared,
          name: 'pg',
          sequence: { groupOrder: 1 },
          include: pgSuite,
          globalSetup: ['tests/setup/pg-cluster.ts'],
          setupFiles: ['tests/setup/pg-env.ts'],
          env: { NEXT_TELEMETRY_DISABLED: '1' },
        },
      },
    ],
  },
});
