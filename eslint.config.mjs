// Lint rules that catch what reviews miss: promises nobody awaits, and workflow code that reaches
// for Node, the ORM or Nest (it runs in Temporal's deterministic sandbox and must not).
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.tools/**', '.data/**', 'coverage/**', '**/*.js', '**/*.mjs'] },
  {
    files: ['**/*.ts'],
    ignores: ['console/**'],
    extends: [tseslint.configs.base],
    languageOptions: { parserOptions: { project: './tsconfig.json', tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
    },
  },
  // The web console: browser code with its own tsconfig (DOM, JSX); the same promise rules, and no
  // Node built-ins or server code beyond the shared vocabulary in workflows/.
  {
    files: ['console/**/*.ts', 'console/**/*.tsx'],
    extends: [tseslint.configs.base],
    languageOptions: { parserOptions: { project: './console/tsconfig.json', tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false, attributes: false } }],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'fs', 'path', 'crypto', 'child_process', 'os'], message: 'The console runs in the browser: no Node built-ins.' },
            { group: ['**/api/*', '**/db/*', '**/platform/*', '@nestjs/*', 'typeorm', '@temporalio/*'], message: 'The console talks to the API over HTTP; it shares only the vocabulary in workflows/.' },
          ],
        },
      ],
    },
  },
  {
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'fs', 'path', 'crypto', 'child_process', 'os'], message: 'Workflow code runs in a sandbox: no Node built-ins.' },
            { group: ['typeorm', 'pg', '@nestjs/*', '@temporalio/client', '@temporalio/worker'], message: 'Workflow code must not touch I/O libraries: use an activity.' },
            { group: ['date-holidays'], message: 'Holidays are resolved by the API when a case is created and travel in its input: workflow code gets the resolved list.' },
            { group: ['../../api/*', '../../db/*', '../../platform/*'], message: 'Workflow code must not import the API, the database or the platform.' },
          ],
        },
      ],
    },
  },
  {
    // Each metric's arithmetic is a pure function the unit tests run on hand-computed data.
    files: [
      'api/metrics/period.ts',
      'api/metrics/figures.ts',
      'api/metrics/sla-attainment.ts',
      'api/metrics/response-times.ts',
      'api/metrics/volume.ts',
      'api/metrics/breach-rate.ts',
      'api/metrics/handoff-turnaround.ts',
      'api/metrics/backlog-age.ts',
      'api/workload/age-buckets.ts',
      'api/quality/stats/*.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@nestjs/*', 'typeorm', 'pg', 'express'], message: 'Metric arithmetic is pure: queries belong in the repository, rules in the service.' }] },
      ],
    },
  },
);
