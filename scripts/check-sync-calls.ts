// `npm run lint:sync`: no synchronous driver call outside the engine adapter (issue 15, decision 040). Every
// query is a promise built with drizzle's builders or db/engine's raw helpers; only db/engine/ touches
// better-sqlite3 (its import, its statements' `.all() .get() .run()`, `.prepare(`, `$client`). The benchmarks' raw SQLite
// baselines and tests that open a file behind the product's back (crash safety, restore) are outside ROOTS.
import fs from 'node:fs';
import path from 'node:path';

const ROOTS = ['app', 'components', 'db', 'domain', 'features', 'platform', 'server', 'jobs', 'cli', 'scripts'];
const SKIP = [/^db\/engine\//, /^db\/migrations\//, /\.test\.tsx?$/, /^scripts\/check-sync-calls\.ts$/];
const SYNC_CALL = /\.(all|get|run)\(\)|\.prepare\(|\$client|from 'better-sqlite3'|require\('better-sqlite3'\)/;
// Next's own `app.prepare()` (server/serve.ts) is not a statement.
const ALLOWED = [/\bapp\.prepare\(\)/];

const root = process.cwd();
const problems: string[] = [];
for (const dir of ROOTS) {
  const full = path.join(root, dir);
  if (!fs.existsSync(full)) continue;
  for (const entry of fs.readdirSync(full, { withFileTypes: true, recursive: true })) {
    const rel = path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/');
    if (!entry.isFile() || !/\.(ts|tsx)$/.test(entry.name) || SKIP.some((re) => re.test(rel))) continue;
    fs.readFileSync(path.join(root, rel), 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (SYNC_CALL.test(line) && !ALLOWED.some((re) => re.test(line))) problems.push(`${rel}:${i + 1}: ${line.trim()}`);
      });
  }
}
if (problems.length) {
  console.error(`synchronous driver calls outside db/engine (use await and db/engine's raw helpers):\n${problems.join('\n')}`);
  process.exit(1);
}
console.log('sync calls: none outside db/engine');
