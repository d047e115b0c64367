import os from 'node:os';
import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vitest/config';

/**
 * One runner for the whole monorepo. Tests live next to the code they test
 * (`x.ts` + `x.test.ts`). Runtime tests pick their database from
 * `DATABASE_URL` (absent = a fresh SQLite file per test server), so CI runs
 * the same suite twice: once on SQLite, once on MariaDB.
 */
export default defineConfig({
  // designer component tests (`// @vitest-environment happy-dom`) import .vue files and `@/…`
  plugins: [vue()],
  resolve: { alias: { '@': fileURLToPath(new URL('./designer/src', import.meta.url)) } },
  test: {
    include: ['engine/src/**/*.test.ts', 'runtime/src/**/*.test.ts', 'migrations/src/**/*.test.ts', 'plugin-kit/src/**/*.test.ts', 'plugins/*/src/**/*.test.ts', 'definitions/*/test/**/*.test.ts', 'designer/src/**/*.test.ts', 'designer/e2e/**/*.test.ts'],
    pool: 'forks',
    // two forks at least: on a 2-core machine vitest's default (one fewer than the cores) runs one file at a
    // time, and the suite spends most of its time waiting on databases, browsers and child processes
    // (measured on 2 cores: 1294 s with one fork, 683 s with two, all green)
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
