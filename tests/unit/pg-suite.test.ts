import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pgExcluded, pgSuite } from '../setup/pg-suite';

// Issue 16: every integration test runs on both engines unless it says why not. A file added to
// tests/integration/ and forgotten in tests/setup/pg-suite.ts would run on SQLite only, silently.
const dir = 'tests/integration';
const integrationFiles = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.test.ts'))
  .map((f) => path.posix.join(dir, f));

describe('the pg project’s list of test files', () => {
  it('holds every integration file but those excluded with a reason', () => {
    const listed = new Set(pgSuite);
    expect(integrationFiles.filter((f) => !listed.has(f) && !(f in pgExcluded))).toEqual([]);
    expect(integrationFiles.length).toBeGreaterThan(50);
  });

  it('holds every test beside the code that opens a real database', () => {
    const beside = ['db', 'features', 'server', 'jobs', 'platform']
      .flatMap((root) => fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).map((f) => path.posix.join(root, f)))
      .filter((f) => f.endsWith('.test.ts') && /createTestDb\(|getDb\(\)/.test(fs.readFileSync(f, 'utf8')));
    // A listed glob `dir/**/*.test.ts` covers the files under dir.
    const globs = pgSuite.filter((p) => p.endsWith('/**/*.test.ts')).map((p) => p.slice(0, -'**/*.test.ts'.length));
    const covered = (f: string) => pgSuite.includes(f) || globs.some((g) => f.startsWith(g)) || f in pgExcluded;
    expect(beside.length).toBeGreaterThan(2);
    expect(beside.filter((f) => !covered(f))).toEqual([]);
  });

  it('names only files that exist, each once, none both listed and excluded', () => {
    const files = pgSuite.filter((f) => !f.includes('*'));
    expect(files.filter((f) => !fs.existsSync(f))).toEqual([]);
    expect(Object.keys(pgExcluded).filter((f) => !fs.existsSync(f))).toEqual([]);
    expect(files.length).toBe(new Set(files).size);
    expect(files.filter((f) => f in pgExcluded)).toEqual([]);
  });
});
