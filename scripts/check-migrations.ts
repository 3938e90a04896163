// `npm run lint:migrations`: each engine's committed migrations describe its twin of the schema exactly.
// For each drizzle-kit config, kit generates against a temporary copy of the config's migrations folder;
// any new file there means a table was edited without generating (and committing) its migration, on
// that engine. db/schema/parity.test.ts keeps the twins in step with each other; this keeps each in step
// with its migrations, so a change made to both twins but migrated for one still fails.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const CONFIGS = [
  { config: 'drizzle.config.ts', out: 'db/migrations', engine: 'SQLite', twin: 'db/schema/*.ts' },
  { config: 'drizzle.pg.config.ts', out: 'db/migrations-pg', engine: 'PostgreSQL', twin: 'db/schema/pg/*.ts' },
];
// Kit answers in about a second; a run this long is waiting on a question (a rename it cannot decide).
const TIMEOUT_MS = 60_000;

const KIT_ANSWERED = /No schema changes, nothing to migrate|Your SQL migration file/;

const root = process.cwd();
const kit = path.join(root, 'node_modules', '.bin', 'drizzle-kit');

function filesUnder(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    files.set(path.relative(dir, full).split(path.sep).join('/'), fs.readFileSync(full, 'utf8'));
  }
  return files;
}

/** The problems of one config: files kit added or changed in a copy of its migrations folder. */
function check({ config, out, engine, twin }: (typeof CONFIGS)[number], scratch: string): string[] {
  const copy = path.join(scratch, path.basename(out));
  fs.cpSync(path.join(root, out), copy, { recursive: true });
  // A config that is the committed one but for its output folder; kit resolves `schema` from the cwd.
  const tempConfig = path.join(scratch, `${path.basename(config, '.ts')}.check.ts`);
  const base = path.relative(scratch, path.join(root, config)).split(path.sep).join('/').replace(/\.ts$/, '');
  // Relative to the cwd: kit prefixes `out` with './'.
  const relCopy = path.relative(root, copy).split(path.sep).join('/');
  fs.writeFileSync(tempConfig, `import base from '${base}';\nexport default { ...base, out: ${JSON.stringify(relCopy)} };\n`);
  const run = spawnSync(kit, ['generate', '--config', tempConfig], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: TIMEOUT_MS,
  });
  // Kit exits 0 on some failures (a missing snapshot): only its two known answers count as a run.
  const output = `${run.stdout}${run.stderr}`;
  if (run.status !== 0 || !KIT_ANSWERED.test(output)) {
    return [
      `${engine}: drizzle-kit generate --config ${config} did not finish cleanly (exit ${run.status ?? run.signal}):\n${output.slice(-2000)}`,
    ];
  }
  const before = filesUnder(path.join(root, out));
  const changed = [...filesUnder(copy)].filter(([name, text]) => before.get(name) !== text).map(([name]) => `${out}/${name}`);
  if (changed.length === 0) return [];
  return [
    `${engine}: ${twin} differs from ${out}; drizzle-kit would write ${changed.join(', ')}.\n` +
      `  Generate and commit the migration (npm run db:generate), and make the same change in the other twin.`,
  ];
}

const tmpRoot = path.join(root, '.tmp');
fs.mkdirSync(tmpRoot, { recursive: true });
const problems: string[] = [];
for (const entry of CONFIGS) {
  const scratch = fs.mkdtempSync(path.join(tmpRoot, 'check-migrations-'));
  try {
    problems.push(...check(entry, scratch));
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`migrations: ${CONFIGS.map((c) => c.out).join(' and ')} match their schema`);
