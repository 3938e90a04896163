// The test files the `pg` vitest project runs (vitest.config.ts): the engine's own tests on PostgreSQL, and
// the integration files that pass there so far. The list grows as db/ becomes portable (plan 016 P4, P7)
// until it is every integration file but the SQLite-only ones (the engine, WAL, busy-file and SQLite backup
// tests, which open a file themselves).
export const pgSuite: string[] = [
  'tests/integration/pg/**/*.test.ts',
  'tests/integration/alert-delivery.test.ts',
  'tests/integration/alerts-inbox-order.test.ts',
  'tests/integration/api-contract.test.ts',
  'tests/integration/api-isolation.test.ts',
  'tests/integration/api-rate-limit.test.ts',
  'tests/integration/auth.test.ts',
  'tests/integration/bad-import.test.ts',
  'tests/integration/import-labels.test.ts',
  'tests/integration/import.test.ts',
  'tests/integration/jobs.test.ts',
  'tests/integration/login-throttle.test.ts',
  'tests/integration/record-effective-tier-sql.test.ts',
  'tests/integration/record-list-columns.test.ts',
  'tests/integration/scope.test.ts',
  'tests/integration/workflow-form-tier.test.ts',
  'tests/integration/workflow.test.ts',
  // SUITE-2
  'tests/integration/alert-flood.test.ts',
  'tests/integration/api-ratings-bounded.test.ts',
  'tests/integration/api-units-real.test.ts',
  'tests/integration/bad-input.test.ts',
  'tests/integration/bulletin-cli.test.ts',
  'tests/integration/change-password-throttle.test.ts',
  'tests/integration/corrections.test.ts',
  'tests/integration/demo-history.test.ts',
  'tests/integration/heatmap-first-view.test.ts',
  'tests/integration/import-pool.test.ts',
  'tests/integration/jobs-registry.test.ts',
  'tests/integration/provisional-refresh.test.ts',
  'tests/integration/rating-offthread.test.ts',
  'tests/integration/ratings-ui.test.ts',
  'tests/integration/seal-matrix.test.ts',
  'tests/integration/unit-pages.test.ts',
  'tests/integration/warning-notice.test.ts',
  // end SUITE-2
];
