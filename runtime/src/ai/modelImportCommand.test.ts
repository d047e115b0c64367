import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildColourPatchModel } from '@safeflow/plugin-ai-detect';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../audit/appendAudit';
import { systemClock } from '../app/AppDeps';
import { migrateUp, openDatabase } from '../db/openDatabase';
import { insertOrg } from '../orgs/orgCommands';
import { ensureOrgTypes } from '../orgs/orgTypes';
import { createTestDatabaseUrl } from '../testing/testDatabaseUrl';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const tsxCli = path.join(repoRoot, 'node_modules/tsx/dist/cli.mjs');

describe('safeflow model import (CLI, spawned)', () => {
  let dataDir: string;
  let created: Awaited<ReturnType<typeof createTestDatabaseUrl>>;
  let orgId: string;
  let modelFile: string;

  function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      execFile(process.execPath, [tsxCli, 'runtime/src/cli/main.ts', ...args], { cwd: repoRoot, env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: created?.url ?? '', LOG_LEVEL: 'silent' }, timeout: 120_000 }, (err, stdout, stderr) =>
        resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });
  }

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sf-cli-model-'));
    created = await createTestDatabaseUrl();
    const db = await openDatabase({ dataDir, databaseUrl: created?.url });
    await migrateUp(db);
    await ensureOrgTypes({ db, clock: systemClock });
    orgId = (await db.transaction((tx) => insertOrg(tx, { clock: systemClock }, SYSTEM_ACTOR, { type: 'enterprise', name: 'CLI 企业' }))).id;
    await db.close();
    modelFile = path.join(dataDir, 'helmet.onnx');
    fs.writeFileSync(modelFile, buildColourPatchModel({ classes: [{ label: 'person', colour: 'red' }, { label: 'safehat', colour: 'green' }], layout: 'yolov5' }));
  });
  afterAll(async () => {
    await created?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('imports a valid model as version 1, then 2 (a candidate), and rejects mismatched labels and corrupt files with their codes', async () => {
    const args = [modelFile, '--labels', 'person,safehat', '--key', 'helmet', '--org', orgId, '--licence', 'AGPL-3.0', '--source', 'https://example.invalid/helmet'];
    const first = await cli(['model', 'import', ...args]);
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout.trim().split('\n').pop()!)).toMatchObject({ key: 'helmet', version: 1, status: 'active', layout: 'yolov5', inputSize: 640, classCount: 2 });
    const second = await cli(['model', 'import', ...args]);
    expect(JSON.parse(second.stdout.trim().split('\n').pop()!)).toMatchObject({ version: 2, status: 'candidate' });
    expect(fs.readdirSync(path.join(dataDir, 'models'))).toHaveLength(2);

    const mismatch = await cli(['model', 'import', modelFile, '--labels', 'person', '--key', 'helmet', '--org', orgId]);
    expect(mismatch.code).not.toBe(0);
    expect(mismatch.stderr).toContain('model.label_mismatch');
    const corrupt = path.join(dataDir, 'corrupt.onnx');
    fs.writeFileSync(corrupt, fs.readFileSync(modelFile).subarray(0, 1000));
    const bad = await cli(['model', 'import', corrupt, '--labels', 'person,safehat', '--key', 'helmet', '--org', orgId]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('model.corrupt');
    expect(fs.readdirSync(path.join(dataDir, 'models'))).toHaveLength(2); // nothing left behind
  }, 300_000);
});
