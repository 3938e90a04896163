// `npm run lint:size`: no source file over 300 lines, no function over 80 (issue 15). Files and functions that
// are over today are listed in scripts/size-known.json; the list may only shrink. A listed item that is no
// longer over the limit fails too, so that the list is shortened in the same change that fixed it.
// `--write` rewrites the list from the tree (only when it shrinks: a new entry is a new violation).
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const MAX_FILE_LINES = 300;
const MAX_FUNCTION_LINES = 80;
const ROOTS = ['app', 'components', 'db', 'jobs', 'cli', 'server', 'scripts', 'domain', 'features', 'platform'];
const SKIP = [/^db\/migrations\//, /\.d\.ts$/];
const KNOWN_FILE = path.join('scripts', 'size-known.json');

const root = process.cwd();

function sourceFiles(dir: string): string[] {
  const full = path.join(root, dir);
  if (!fs.existsSync(full)) return [];
  return fs.readdirSync(full, { withFileTypes: true, recursive: true }).flatMap((e) => {
    const rel = path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join('/');
    return e.isFile() && /\.(ts|tsx)$/.test(e.name) && !SKIP.some((re) => re.test(rel)) ? [rel] : [];
  });
}

/** A readable name for a function-like node: its own name, or the variable, property or call it sits in. */
function functionName(node: ts.Node, file: ts.SourceFile): string {
  const named = node as ts.FunctionLikeDeclaration;
  if (named.name && ts.isIdentifier(named.name)) return named.name.text;
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (ts.isPropertyAssignment(parent)) return parent.name.getText(file);
  if (ts.isCallExpression(parent)) return `${parent.expression.getText(file).slice(0, 40)}(…)`;
  return '(anonymous)';
}

function oversized(rel: string): string[] {
  const text = fs.readFileSync(path.join(root, rel), 'utf8');
  const file = ts.createSourceFile(rel, text, ts.ScriptTarget.Latest, true, rel.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
  if (lines > MAX_FILE_LINES) found.push(`${rel} (file)`);
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = file.getLineAndCharacterOfPosition(node.getStart(file)).line;
      const end = file.getLineAndCharacterOfPosition(node.getEnd()).line;
      if (end - start + 1 > MAX_FUNCTION_LINES) found.push(`${rel} ${functionName(node, file)}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

const now = ROOTS.flatMap(sourceFiles).sort().flatMap(oversized);
const known: string[] = fs.existsSync(KNOWN_FILE) ? JSON.parse(fs.readFileSync(KNOWN_FILE, 'utf8')) : [];
const added = now.filter((x) => !known.includes(x));
const fixed = known.filter((x) => !now.includes(x));

if (process.argv.includes('--write')) {
  // Only the very first list (no file yet) may admit items: it records the tree as it was found.
  if (added.length > 0 && fs.existsSync(KNOWN_FILE))
    console.error(`Not written: new over-size items would be admitted:\n  ${added.join('\n  ')}`);
  else fs.writeFileSync(KNOWN_FILE, JSON.stringify(now, null, 2) + '\n');
  process.exit(added.length > 0 ? 1 : 0);
}
for (const x of added) console.error(`over size: ${x} (files ≤ ${MAX_FILE_LINES} lines, functions ≤ ${MAX_FUNCTION_LINES}): split it`);
for (const x of fixed) console.error(`no longer over size: ${x}: remove it from ${KNOWN_FILE} (npm run lint:size -- --write)`);
console.log(
  `size: ${now.length} known over-size items (files > ${MAX_FILE_LINES} lines, functions > ${MAX_FUNCTION_LINES}), ${added.length} new, ${fixed.length} fixed`,
);
process.exit(added.length + fixed.length > 0 ? 1 : 0);
