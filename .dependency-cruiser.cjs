// The house's one rule, checked in `npm run lint` (and so in `npm test`): dependencies point one way,
//   domain ← db ← features ← server, app, jobs, cli      (components take domain types and feature views)
// with platform/ (spreadsheets, PDF, mail, webhook, backup) beside features. docs/decisions/037-layering-check.md
// says why this tool and how the list of known violations shrinks to nothing.
//
// Type-only imports count too: a `db/` file that imports a type from a feature is already tied to it.
// Every violation fails the lint: the list of known violations the check started with (decision 037) was
// emptied by issue 15's moves and deleted, so there is no baseline to admit a new one.

/** Files of one layer: a folder at the top of the repository. */
const layer = (name) => `^${name}/`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'domain/ is framework-free: no database, no Next, no React, no other layer, no Node I/O.',
      severity: 'error',
      from: { path: layer('domain') },
      to: {
        pathNot: [layer('domain'), '^node_modules/(zod|date-fns|@date-fns)/'],
      },
    },
    {
      name: 'db-takes-only-the-domain',
      comment: 'db/ is SQL and schema: it may use domain types and rules, never features, platform or anything above.',
      severity: 'error',
      from: { path: layer('db') },
      to: {
        path: [layer('features'), layer('platform'), layer('server'), layer('app'), layer('components'), layer('jobs'), layer('cli')],
      },
    },
    {
      name: 'features-never-up',
      comment:
        'Features and platform/ never import the entry points above them. The one exception is server/env.ts, the ' +
        'checked environment every layer reads its settings from.',
      severity: 'error',
      from: { path: [layer('features'), layer('platform')] },
      to: {
        path: [layer('server'), layer('app'), layer('jobs'), layer('cli'), '^proxy\\.ts$', '^instrumentation\\.ts$'],
        pathNot: '^server/env\\.ts$',
      },
    },
    {
      name: 'components-never-the-database',
      comment: 'Components are presentational: they take domain types and feature views, never db/ (getDb) or jobs.',
      severity: 'error',
      from: { path: layer('components') },
      // Server actions are the components' interface to writes (a form posts to one); the rest of server/ is not.
      to: { path: [layer('db'), layer('jobs'), layer('cli'), layer('server')], pathNot: '^server/actions/' },
    },
    {
      name: 'nothing-imports-routes',
      comment: 'app/ holds routes; nothing outside it imports them.',
      severity: 'error',
      from: { pathNot: layer('app') },
      to: { path: layer('app') },
    },
    {
      name: 'entry-points-stay-apart',
      comment: 'jobs/ and cli/ are entry points like app/: they call features, not each other.',
      severity: 'error',
      from: { path: [layer('jobs'), layer('cli')] },
      to: { path: [layer('app'), layer('server')], pathNot: '^server/env\\.ts$' },
    },
    {
      name: 'no-circular',
      comment: 'A cycle makes two files one room; break it by moving the shared piece down.',
      severity: 'error',
      from: { pathNot: '^node_modules' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: ['node_modules'] },
    exclude: { path: ['^node_modules', '^\\.next', '^db/migrations', '^tests/', '^bench/', '^scripts/', '^\\.tmp'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
