// The test files the `pg` vitest project runs (vitest.config.ts): the engine's own tests on PostgreSQL, and
// the integration files that pass there so far. The list grows as db/ becomes portable (plan 016 P4, P7)
// until it is every integration file but the SQLite-only ones (the engine, WAL, busy-file and SQLite backup
// tests, which open a file themselves).
export const pgSuite: string[] = ['tests/integration/pg/**/*.test.ts'];
