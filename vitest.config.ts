import os from 'node:os';
import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { configDefaults, defineConfig } from 'vitest/config';

/** Every test file of the monorepo (tests live next to the code they test: `x.ts` + `x.test.ts`). */
const ALL = ['engine/src/**/*.test.ts', 'runtime/src/**/*.test.ts', 'migrations/src/**/*.test.ts', 'plugin-kit/src/**/*.test.ts', 'plugins/*/src/**/*.test.ts', 'definitions/*/test/**/*.test.ts', 'designer/src/**/*.test.ts', 'designer/e2e/**/*.test.ts'];
/**
 * Files that drive a real browser or a spawned worker process: they run one at a time after the
 * rest (under two forks' load they flaked: a Leaflet click sequence, a child's 90 s wait).
 */
const ALONE = ['designer/e2e/**/*.test.ts', 'runtime/src/plugins/workerCommand.test.ts', 'runtime/src/ai/remote*.test.ts'];

/**
 * One runner for the whole monorepo. Runtime tests pick their database from `DATABASE_URL`
 * (absent = a fresh SQLite file per test server), so CI runs the same suite twice: once on
 * SQLite, once on MariaDB. Two projects: everything else in at least two forks (on a 2-core
 * machine vitest's default ran one file at a time: the SQLite suite took 1294 s, 683 s with two
 * forks), then the browser and child-process files one at a time.
 */
export default defineConfig({
  // designer component tests (`// @vitest-environment happy-dom`) import .vue files and `@/…`
  plugins: [vue()],
  resolve: { alias: { '@': fileURLToPath(new URL('./designer/src', import.meta.url)) } },
  test: {
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default'],
    projects: [
      {
        extends: true,
        test: { name: 'parallel', include: ALL, exclude: [...configDefaults.exclude, ...ALONE], maxWorkers: Math.max(2, os.availableParallelism() - 1), sequence: { groupOrder: 1 } },
      },
      { extends: true, test: { name: 'alone', include: ALONE, maxWorkers: 1, sequence: { groupOrder: 2 } } },
    ],
  },
});
