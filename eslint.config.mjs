import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';

const config = [
  ...nextVitals,
  ...nextTypescript,
  {
    ignores: ['node_modules/**', '.next/**', '.tmp/**', 'db/migrations/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts'],
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Dependencies point down: the domain, the database layer, jobs and components never import from routes.
    files: ['domain/**', 'features/**', 'platform/**', 'server/**', 'db/**', 'jobs/**', 'components/**', 'cli/**', 'scripts/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ['@/app/*', '../app/*', '../../app/*'], message: 'Only app/ holds routes: nothing else imports from it.' }],
        },
      ],
    },
  },
  {
    // Next loads next.config.js as CommonJS.
    files: ['next.config.js', 'postcss.config.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
];

export default config;
