import tseslint from 'typescript-eslint';

// Typed checks for the async data layer (issue 15, decision 040): a promise that nobody awaits is a
// permission check that never ran or a write that may land after its transaction. Run by `npm run
// lint:promises` (in `npm run lint`); kept apart from eslint.config.mjs because type information is slow.
const config = [
  {
    ignores: [
      'node_modules/**',
      '.next/**',
      '.tmp/**',
      'db/migrations/**',
      'test-results/**',
      'playwright-report/**',
      'next-env.d.ts',
      '**/*.js',
      '**/*.mjs',
      '**/*.cjs',
    ],
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@typescript-eslint': tseslint.plugin },
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/await-thenable': 'error',
    },
  },
];

export default config;
