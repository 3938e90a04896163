// `npm run bench`: every benchmark in turn (never part of `npm test`). `npm run bench -- rating` runs one.
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const all = ['rating', 'import', 'dashboards', 'load', 'pages', 'big-writes', 'jobs', 'engine', 'ratings-first-view'];
const wanted = process.argv.slice(2).length ? process.argv.slice(2) : all;
for (const name of wanted) {
  if (!all.includes(name)) throw new Error(`unknown benchmark ${name}; known: ${all.join(', ')}`);
  console.log(`\n== bench/${name}.ts ==`);
  execFileSync(path.resolve('node_modules/.bin/tsx'), [`bench/${name}.ts`], { stdio: 'inherit' });
}
