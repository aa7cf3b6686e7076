import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-output-sample/**', '.scratch/**', 'bench/.work/**'] },
  { languageOptions: { globals: globals.node } },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      'no-console': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Transport knows nothing of the domain: the server reaches analysis only through src/app.
    files: ['src/server/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/vision/**', '**/media/**', '**/drivers/**', '**/store/**'], message: 'The server calls src/app, not the domain modules.' }] },
      ],
    },
  },
  {
    // The CLI output layer, the Playwright reporter's, benchmarks and scripts are where printing belongs.
    files: ['src/cli/output.ts', 'src/playwright/reporter-output.ts', 'bench/**', 'scripts/**'],
    rules: { 'no-console': 'off' },
  },
);
