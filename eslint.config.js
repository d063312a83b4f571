// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import regexp from 'eslint-plugin-regexp';
import tseslint from 'typescript-eslint';

/**
 * The service's layers, lowest first. `modules` are the folders (or root files, without `.ts`) of
 * `cds-service/` that make up a layer; `files` the globs the rule applies to.
 */
const SERVICE_LAYERS = [
  {
    name: 'the ground floor (contract, errors, config, log, text, hash)',
    modules: ['contract', 'errors', 'config', 'log', 'text', 'hash', 'markdown-table', 'read-body'],
  },
  { name: 'fhir/', modules: ['fhir'] },
  { name: 'the engine and storage', modules: ['synopsis', 'store', 'cache', 'fhir-client'] },
  {
    name: 'models, governance, auth and plain language',
    modules: ['providers', 'governance', 'auth', 'plain-language'],
  },
  { name: 'hooks/', modules: ['hooks'] },
  { name: 'panel/', modules: ['panel'] },
  { name: 'the HTTP edge', modules: ['http', 'compose', 'server'] },
].map((layer) => ({
  ...layer,
  folderFiles: layer.modules.map((m) => `cds-service/${m}/**/*.ts`),
  rootFiles: layer.modules.map((m) => `cds-service/${m}.ts`),
}));

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
  // The service's layers, lowest first: a module imports only from its own layer or below, so the
  // layering stays as drawn in the README ("Architecture"). Tests may reach across.
  ...SERVICE_LAYERS.flatMap((layer, i) =>
    // From a folder's files another module is `../module`; from a root file, `./module`.
    [
      { files: layer.folderFiles, prefix: '^(\\.\\./)+' },
      { files: layer.rootFiles, prefix: '^\\./' },
    ].map(({ files, prefix }) => ({
      files,
      ignores: ['cds-service/**/*.test.ts'],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: [
              { group: ['**/mocks/**'], message: 'mocks/ is for tests and the demo only' },
              ...SERVICE_LAYERS.slice(i + 1).map((above) => ({
                regex: `${prefix}(${above.modules.join('|')})(/|$)`,
                message: `${layer.name} may not import from ${above.name} (a higher layer)`,
              })),
            ],
          },
        ],
      },
    })),
  ),
  {
    // The mock EHR's chart is its own reading of the record: the simulator checks the service end
    // to end, so the chart must not see the record through the service's code.
    files: ['mocks/simulator/chart.ts', 'mocks/simulator/lab-reference.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/cds-service/**'],
              message: 'the mock EHR reads its chart with its own code, not the service’s',
            },
          ],
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
