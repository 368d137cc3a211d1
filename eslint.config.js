// Lint rules: typescript-eslint's recommended set over the TypeScript sources.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', 'coverage/', 'modeler/dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.name='eval']", message: 'Expressions are data, not code: no eval.' },
        { selector: "NewExpression[callee.name='Function']", message: 'Expressions are data, not code: no Function.' },
      ],
      'no-restricted-imports': ['error', { paths: [{ name: 'node:vm', message: 'Expressions are data, not code: no node:vm.' }] }],
    },
  },
  {
    files: ['engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'express', message: 'engine/ has no HTTP: keep Express in api/.' },
            { name: 'node:vm', message: 'Expressions are data, not code: no node:vm.' },
          ],
        },
      ],
    },
  },
);
