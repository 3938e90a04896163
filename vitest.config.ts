import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@': path.resolve(__dirname) } },
  test: {
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
    exclude: ['node_modules/**', 'tests/e2e/**', '.tmp/**'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { NEXT_TELEMETRY_DISABLED: '1' },
  },
});
