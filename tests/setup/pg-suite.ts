// The test files the `pg` vitest project runs (vitest.config.ts): the engine's own tests on PostgreSQL, and
// every integration file but the SQLite-only ones below (the engine, WAL, busy-file and SQLite backup tests,
// which open a file themselves). tests/unit/pg-suite.test.ts fails when a new integration file is in neither.
export const pgSuite: string[] = [
  'tests/integration/pg/**/*.test.ts',
  // Decision 047's concurrency tests: two servers (engines) on one PostgreSQL database; pg only.
  'tests/integration/pg-concurrency/**/*.test.ts',
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
  // SUITE-1
  'tests/integration/account.test.ts',
  'tests/integration/alerts.test.ts',
  'tests/integration/api-route.test.ts',
  'tests/integration/api-write.test.ts',
  'tests/integration/bootstrap.test.ts',
  'tests/integration/bulletins.test.ts',
  'tests/integration/cli.test.ts',
  'tests/integration/delivery-routes-writer.test.ts',
  'tests/integration/form-save-race.test.ts',
  'tests/integration/isolation-matrix.test.ts',
  'tests/integration/seal-attacks.test.ts',
  'tests/integration/staging-two-servers.test.ts',
  'tests/integration/upload-memory.test.ts',
  // SUITE-3
  'tests/integration/alerts-scope.test.ts',
  'tests/integration/api-ratings.test.ts',
  'tests/integration/api-units.test.ts',
  'tests/integration/bulletins-reading.test.ts',
  'tests/integration/cli-import-changes.test.ts',
  'tests/integration/domain-pages.test.ts',
  'tests/integration/heatmaps.test.ts',
  'tests/integration/import-preview-changes.test.ts',
  'tests/integration/overview.test.ts',
  'tests/integration/publish-pending-write.test.ts',
  'tests/integration/rating-page-size.test.ts',
  'tests/integration/report-time-unknown.test.ts',
  'tests/integration/staging-bounds.test.ts',
  'tests/integration/unrated-years.test.ts',
  'tests/integration/raw-each.test.ts',
  'tests/integration/write-turn.test.ts',
  // SQL
  'db/sql/**/*.test.ts',
  'db/settings.test.ts',
  'tests/integration/change-password-throttle.test.ts',
  'tests/integration/corrections.test.ts',
  'tests/integration/import-changes.test.ts',
  'tests/integration/page-version.test.ts',
  'tests/integration/provisional-refresh.test.ts',
  'tests/integration/rating-jobs.test.ts',
  'tests/integration/rating-store.test.ts',
  'tests/integration/ratings-export.test.ts',
  'tests/integration/unit-pages.test.ts',
  'tests/integration/warning-notice.test.ts',
  // SUITE-2
  'tests/integration/alert-flood.test.ts',
  'tests/integration/api-ratings-bounded.test.ts',
  'tests/integration/api-units-real.test.ts',
  'tests/integration/bad-input.test.ts',
  'tests/integration/bulletin-cli.test.ts',
  'tests/integration/demo-history.test.ts',
  'tests/integration/heatmap-first-view.test.ts',
  'tests/integration/import-pool.test.ts',
  'tests/integration/jobs-registry.test.ts',
  'tests/integration/rating-offthread.test.ts',
  'tests/integration/ratings-ui.test.ts',
  'tests/integration/seal-matrix.test.ts',
  'tests/integration/big-writes-stall.test.ts',
  // end SUITE-2
  // Decision 047: every write path moves the data version (both engines).
  'tests/integration/write-paths-move-version.test.ts',
];

// Integration files that stay on SQLite only, each with why: they hold SQLite's own write lock, file or
// connection, which PostgreSQL has no equivalent of (its busy answers are tested in tests/integration/pg/).
export const pgExcluded: Record<string, string> = {
  // SUITE-3
  'tests/integration/db-busy.test.ts': "holds SQLite's write lock from another process's better-sqlite3 connection (BEGIN IMMEDIATE)",
  'tests/integration/worker-writes.test.ts':
    "compares with a second SQLite file and holds SQLite's write lock from a better-sqlite3 connection and a SQLite trigger",
  // The SQLite engine's own tests; tests/integration/pg/engine*.test.ts hold the same promises on PostgreSQL.
  'tests/integration/engine.test.ts': "the SQLite engine's connections, WAL readers and statement cache",
  'tests/integration/engine-transactions.test.ts': "the SQLite engine's write queue and BEGIN IMMEDIATE",
  'tests/integration/engine-config.test.ts':
    'FENGHUO_DB files and the SQLite engine kept per file; the pg configuration is tested there too',
  'tests/integration/backup-restore.test.ts': 'VACUUM INTO files; tests/integration/pg/copy-and-backup.test.ts is pg_dump and pg_restore',
};
