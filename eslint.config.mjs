import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', '.tools/', 'coverage/', 'src/db/generated/', 'dist/', 'dist.*/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      // scripts/build.js settles each module's exports into plain properties once it has run.
      'no-restricted-syntax': [
        'error',
        {
          selector: "ExportNamedDeclaration > VariableDeclaration[kind='let']",
          message: 'No `export let`: compiled exports are fixed once a module has loaded (scripts/build.js).',
        },
      ],
    },
  },
  {
    // The coding engine reads as families and named edits: no function longer than a screen.
    files: ['src/coding/**/*.ts'],
    rules: { 'max-lines-per-function': ['error', { max: 80 }] },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        __dirname: 'readonly',
        console: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The web app's browser scripts (served as they are, no build step).
    files: ['src/web/public/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: {
        window: 'readonly',
        document: 'readonly',
        fetch: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
      },
    },
  },
  {
    // Workflow code runs in Temporal's deterministic sandbox: no Node built-ins, DB, HTTP or zod.
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'crypto', 'http', 'https', 'os', 'child_process'],
              message: 'Workflows must be deterministic.',
            },
            {
              group: [
                '@prisma/*',
                'express',
                'zod',
                'pg',
                '@temporalio/client',
                '@temporalio/worker',
                '@temporalio/activity',
              ],
              message: 'Not allowed in workflow code.',
            },
            {
              group: ['../activities', '../activities/*', '../src/db/*', '../src/api/*'],
              message: 'Use type-only imports.',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
);
