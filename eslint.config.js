// Lint: typescript-eslint's recommended rules, plus the fence that keeps src/core pure:
// core may import only its own files and a few pure libraries, never app/db/http/cli/jobs/mail or Node's I/O.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';

const coreAllowedPackages = ['libphonenumber-js', 'libphonenumber-js/max', 'ical.js', 'tlds', 'stemmer', 'countries-and-timezones'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**', 'e2e/artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { languageOptions: { globals: { ...globals.node } } },
  {
    files: ['web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules, 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!\\./|(' + coreAllowedPackages.map((p) => p.replace(/[/.]/g, '\\$&')).join('|') + ')$)',
              message: 'src/core is pure: it imports only its own files (./x.js) and pure libraries listed in eslint.config.js.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'fetch', message: 'core does no I/O' },
        { name: 'process', message: 'core reads no environment' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'core reads the time from a Clock argument' },
        { object: 'Math', property: 'random', message: 'core takes ids and randomness as arguments' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'core reads the time from a Clock argument' },
      ],
    },
  },
);
