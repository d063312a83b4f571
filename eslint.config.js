// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import regexp from 'eslint-plugin-regexp';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'coverage', 'test-artifacts', '.data', 'mocks/fixtures'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // Express recognises error handlers by their four parameters, so `_next` must stay.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // No regular expression with super-linear backtracking: record text and request bodies come
    // from outside, and one quadratic match over a long run of spaces blocks the event loop.
    plugins: { regexp },
    rules: {
      'regexp/no-super-linear-backtracking': 'error',
      'regexp/no-super-linear-move': 'error',
    },
  },
  {
    // The service never depends on the mock EHR; only tests and the demo entry may.
    files: ['cds-service/**/*.ts'],
    ignores: ['cds-service/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ['**/mocks/**'], message: 'mocks/ is for tests and the demo only' }],
        },
      ],
    },
  },
  {
    // The SMART panel and its launch page run in the browser.
    files: ['client/**/*.{ts,tsx}', 'launch/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    // The panel talks to the service over HTTP; it may share only the service's contract types.
    files: ['client/**/*.{ts,tsx}', 'launch/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+cds-service/(?!contract/)',
              message: 'client/ may import only cds-service/contract/** from the service',
            },
            { group: ['**/mocks/**'], message: 'mocks/ is for tests and the demo only' },
            {
              group: ['fhirclient', 'fhirclient/*'],
              message: 'only client/smart/smart-client.ts talks to fhirclient',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['client/smart/smart-client.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['**/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
