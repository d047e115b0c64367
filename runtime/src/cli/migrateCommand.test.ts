import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '@safeflow/migrations';
import { createTestDatabaseUrl } from '../testing/testDatabaseUrl';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const tsxCli = path.join(repoRoot, 'node_modules/tsx/dist/cli.mjs');
/** Each spawn starts tsx and compiles the CLI (1-2 s idle, much more on a loaded machine): generous limits. */
const SPAWN_TIMEOUT_MS = 120_000;

describe('safeflow migrate (CLI, spawned)', () => {
  let dataDir: string;
  let created: Awaited<ReturnType<typeof createTestDatabaseUrl>>;

  /** Runs `tsx runtime/src/cli/main.ts <args>` with DATA_DIR / DATABASE_URL for the test database. */
  function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      execFile(
        process.execPath,
        [tsxCli, 'runtime/src/cli/main.ts', ...args],
        {
          cwd: repoRoot,
          env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: created?.url ?? '', LOG_LEVEL: 'silent' },
          timeout: SPAWN_TIMEOUT_MS,
        },
        (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });
  }

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sf-cli-migrate-'));
    created = await createTestDatabaseUrl();
  });
  afterAll(async () => {
    await created?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('applies, reports up to date, reverts all and applies again', async () => {
    // given
    const names = migrations.map((M) => new M().name);
    // when
    const up = await cli(['migrate']);
    const again = await cli(['migrate']);
    const down = await cli(['migrate', '--revert', '--all']);
    const reup = await cli(['migrate']);
    // then
    expect(up.code, up.stderr).toBe(0);
    expect(up.stdout.trim()).toBe(`applied: ${names.join(', ')}`);
    expect(again.code).toBe(0);
    expect(again.stdout.trim()).toBe('database is up to date');
    expect(down.code, down.stderr).toBe(0);
    expect(down.stdout.trim()).toBe(`reverted ${names.length} migration(s)`);
    expect(reup.code).toBe(0);
    expect(reup.stdout.trim()).toBe(`applied: ${names.join(', ')}`);
  }, 4 * SPAWN_TIMEOUT_MS);

  it('exits 2 with the usage on an unknown option', async () => {
    // when
    const res = await cli(['migrate', '--bogus']);
    // then
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('usage: safeflow migrate');
  }, SPAWN_TIMEOUT_MS);

  it('lists the commands for --help and exits 0', async () => {
    // when
    const res = await cli(['--help']);
    // then
    expect(res.code).toBe(0);
    expect(res.stderr).toContain('safeflow migrate [--revert [--all]]');
    expect(res.stderr).toContain('safeflow start');
  }, SPAWN_TIMEOUT_MS);
});
