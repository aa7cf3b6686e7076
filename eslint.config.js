import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { LAYERS } from './layers.config.js';

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
    // The rooms of src/ and what each may import (layers.config.js, explained in docs/architecture.md).
    files: ['src/**/*.ts'],
    plugins: { boundaries },
    settings: {
      'import/resolver': { typescript: { project: './tsconfig.json' } },
      'boundaries/elements': LAYERS.map(({ room, pattern }) => ({ type: room, pattern, partialMatch: false })),
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          policies: LAYERS.map(({ room, mayImport }) => ({
            from: { element: { type: room } },
            allow: { to: { element: { types: { anyOf: [room, ...mayImport] } } } },
          })),
        },
      ],
      // A file outside every room would escape the rules.
      'boundaries/no-unknown-files': 'error',
    },
  },
  {
    // The viewer's page scripts run in the browser, served as they are (viewer/).
    files: ['viewer/**/*.js'],
    languageOptions: { globals: globals.browser },
  },
  {
    // The CLI output layer, the Playwright reporter's, benchmarks and scripts are where printing belongs.
    files: ['src/cli/output.ts', 'src/playwright/reporter-output.ts', 'bench/**', 'scripts/**'],
    rules: { 'no-console': 'off' },
  },
);
