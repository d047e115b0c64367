import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { SafeFlowError } from '@safeflow/engine/errors';
import { DetectorPool } from '@safeflow/plugin-ai-detect';
import { systemClock } from '../app/AppDeps';
import type { CliCommand } from '../cli/CliCommand';
import { loadConfig } from '../config/loadConfig';
import { migrateUp, openDatabase } from '../db/openDatabase';
import type { AuthContext } from '../http/AuthContext';
import { createLogger } from '../logging/createLogger';
import { parseLabelList } from './ai.route';
import { ModelRegistry } from './ModelRegistry';

const SYSTEM_AUTH: AuthContext = { kind: 'user', userId: 'system', username: 'system', platformAdmin: true, memberships: [] };

/**
 * `safeflow model import <file.onnx> --labels a,b,... --key K --org ORG_ID [--name N] [--source S] [--licence L] [--confidence C] [--iou I]`:
 * validates the model (shapes, class count against labels, no external data, loads in
 * onnxruntime) and stores it as the next version of `K` for the org's tenant; prints the
 * version as JSON. Exit code 2 with the error code on a rejected model.
 */
export const modelImportCommand: CliCommand = {
  words: ['model', 'import'],
  summary: 'Import an ONNX detector model (validated, versioned)',
  usage: 'safeflow model import <file.onnx> --labels a,b --key K --org ORG_ID [--name N] [--source S] [--licence L] [--confidence C] [--iou I]',
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        labels: { type: 'string' }, key: { type: 'string' }, org: { type: 'string' }, name: { type: 'string' },
        source: { type: 'string' }, licence: { type: 'string' }, confidence: { type: 'string' }, iou: { type: 'string' },
      },
    });
    const file = positionals[0];
    if (!file || !values.labels || !values.key || !values.org) throw new SafeFlowError('cli.usage', 'a file, --labels, --key and --org are required');
    if (!fs.existsSync(file)) throw new SafeFlowError('cli.file_not_found', `No such file: ${file}`);
    const config = loadConfig();
    const db = await openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
    const pool = new DetectorPool();
    try {
      await migrateUp(db);
      const deps = { config, db, clock: systemClock, logger: createLogger('silent'), secret: Buffer.alloc(0) };
      const registry = new ModelRegistry(deps, pool);
      const m = await registry.importModel(SYSTEM_AUTH, {
        orgId: values.org, key: values.key, labels: parseLabelList(values.labels), name: values.name, source: values.source, licence: values.licence,
        provenance: { fileName: file.split('/').pop(), importedVia: 'cli' },
        thresholds: { ...(values.confidence ? { confidence: Number(values.confidence) } : {}), ...(values.iou ? { iou: Number(values.iou) } : {}) },
        bytes: fs.readFileSync(file),
      });
      process.stdout.write(JSON.stringify({ id: m.id, key: m.key, version: m.version, status: m.status, layout: m.layout, inputSize: m.inputSize, classCount: m.classCount, sha256: m.sha256 }) + '\n');
      return 0;
    } finally {
      await pool.close();
      await db.close();
    }
  },
};
