import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';

/** A letter only Vietnamese uses among the interface's languages (esquery regex). */
const VIETNAMESE = '/[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i';

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
  {
    // Interface text lives in catalogues (texts.ts, *.texts.ts: Vietnamese and English side by side):
    // a Vietnamese letter anywhere else in the web's code is a text that would not follow the
    // language switch. Comments and tests are free; a datum that must stay Vietnamese (a header
    // the server writes, an institution's name) says so with an eslint-disable and its reason.
    files: ['web/**/*.ts', 'web/**/*.svelte'],
    ignores: ['web/**/texts.ts', 'web/**/*.texts.ts', 'web/**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...['Literal[value=', 'TemplateElement[value.raw=', 'SvelteText[value=', 'SvelteLiteral[value='].map(
          (node) => ({
            selector: `${node}${VIETNAMESE}]`,
            message: 'Vietnamese text belongs in a texts.ts catalogue (defineTexts), with its English.',
          }),
        ),
      ],
    },
  },
);
