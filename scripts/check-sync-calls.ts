// `npm run lint:sync`: what only the engine adapter may say (issue 15, decision 040), and what only one of the
// two engines understands (issue 16, decision 046). Every query is a promise built with drizzle's builders or
// db/engine's raw helpers; only db/engine/ touches better-sqlite3 (its import, its statements' `.all() .get()
// .run()`, `.prepare(`, `$client`). The query files are typed against the SQLite twins but run on PostgreSQL
// too, so they keep to the part of drizzle both cores share: no rows by position straight from the database
// object (`q.values(sql)`: rawValues), no raw `q.all/get/run(sql)` (rawAll/rawGet/rawRun dispatch on the
// engine), no relational queries, no SQLite views, no SQL outside db/, and drizzle's SQLite core only in the
// SQLite schema, db/tx.ts's type names and db/sql/alias.ts. The benchmarks' raw SQLite baselines and tests
// that open a file behind the product's back (crash safety, restore) are outside ROOTS.
import fs from 'node:fs';
import path from 'node:path';

const ROOTS = ['app', 'components', 'db', 'domain', 'features', 'platform', 'server', 'jobs', 'cli', 'scripts'];
const SKIP = [/^db\/engine\//, /^db\/migrations\//, /\.test\.tsx?$/, /^scripts\/check-sync-calls\.ts$/];

interface Rule {
  says: string;
  pattern: RegExp;
  /** Lines that match but are something else. */
  except?: RegExp[];
  /** Files where the pattern is the point. */
  allowedIn?: RegExp[];
}

const RULES: Rule[] = [
  {
    says: 'synchronous driver call (use await and db/engine raw helpers)',
    pattern: /\.(all|get|run)\(\)|\.prepare\(|\$client|from 'better-sqlite3'|require\('better-sqlite3'\)/,
    // Next's own `app.prepare()` (server/serve.ts) is not a statement.
    except: [/\bapp\.prepare\(\)/],
  },
  {
    says: "raw SQL run on the database object, which only SQLite's has (use rawAll, rawGet, rawRun or rawValues)",
    pattern: /\b(q|db|tx|sp|database)\.(values|all|get|run)\s*[<(]|\.(values|all|get|run)\s*<|\.(values|all|get|run)\(\s*sql\b/,
  },
  { says: 'relational query (db.query.…), outside what both engines share', pattern: /\.query\.\w+\.find(Many|First)\(/ },
  { says: 'sqliteView: a view has no PostgreSQL twin', pattern: /\bsqliteView\b/ },
  {
    // Every statement lives in db/ (CONVENTIONS.md), where the dialect fragments and this check can see it.
    says: 'SQL written outside db/',
    pattern: /\bsql(<[^>]*>)?`|\bsql\.(raw|join|identifier)\(/,
    allowedIn: [/^db\//],
  },
  {
    says: "drizzle's SQLite core outside the SQLite schema, db/tx.ts and db/sql/alias.ts",
    pattern: /['"]drizzle-orm\/sqlite-core['"]/,
    allowedIn: [/^db\/schema\/(?!pg\/)/, /^db\/tx\.ts$/, /^db\/sql\/alias\.ts$/],
  },
];

const root = process.cwd();
const problems: string[] = [];
for (const dir of ROOTS) {
  const full = path.join(root, dir);
  if (!fs.existsSync(full)) continue;
  for (const entry of fs.readdirSync(full, { withFileTypes: true, recursive: true })) {
    const rel = path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/');
    if (!entry.isFile() || !/\.(ts|tsx)$/.test(entry.name) || SKIP.some((re) => re.test(rel))) continue;
    const rules = RULES.filter((r) => !r.allowedIn?.some((re) => re.test(rel)));
    fs.readFileSync(path.join(root, rel), 'utf8')
      .split('\n')
      .forEach((line, i) => {
        for (const r of rules)
          if (r.pattern.test(line) && !r.except?.some((re) => re.test(line))) problems.push(`${rel}:${i + 1}: ${r.says}: ${line.trim()}`);
      });
  }
}
if (problems.length) {
  console.error(`calls only db/engine may make, or only one engine understands:\n${problems.join('\n')}`);
  process.exit(1);
}
console.log('sync calls: none outside db/engine; engine-neutral SQL API only');
