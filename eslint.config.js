import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';

export default ts.config(
  { ignores: ['dist/', 'node_modules/', 'data/', '.tmp/', 'test-results/', 'playwright-report/', 'bench/out/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    // The web imports from outside web/ only the contract (schemas, as types), the role groups and
    // the pure rules of geo/ (not its demo synthesis): nothing of the server reaches the bundle.
    files: ['web/**/*.ts', 'web/**/*.svelte'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)server/(?!.*\\.schemas\\.ts$)(?!auth/roles\\.ts$)',
              message: 'From server/ the web imports only *.schemas.ts (as types) and auth/roles.ts.',
            },
            {
              regex: '(^|/)server/.*\\.schemas\\.ts$',
              allowTypeImports: true,
              message: 'Server schemas are imported as types only (import type …).',
            },
            {
              regex: '^(\\.\\./)+(scripts|migrations|test|bench)/',
              message: 'The web imports from outside web/ only schemas, role groups and geo/.',
            },
            { regex: '(^|/)geo/demo/', message: 'geo/demo/ is the demo synthesis: not part of the web.' },
          ],
        },
      ],
    },
  },
);
