import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      'no-eval': 'error',
      'no-new-func': 'error',
      'no-restricted-imports': ['error', { paths: ['vm', 'node:vm'] }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly' } },
  },
  {
    files: ['engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['vm', 'node:vm', 'koa', 'typeorm', 'vue'],
          patterns: ['@safeflow/runtime*', '@safeflow/designer*'],
        },
      ],
    },
  },
  {
    // a plugin imports only the plugin kit (and its own dependencies), never the runtime
    files: ['plugins/**/*.ts', 'plugin-kit/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['vm', 'node:vm'],
          patterns: [{ group: ['@safeflow/runtime', '@safeflow/runtime/*', '**/runtime/src/**'], message: 'Plugins and the plugin kit may not import the runtime: use @safeflow/plugin-kit.' }],
        },
      ],
    },
  },
);
