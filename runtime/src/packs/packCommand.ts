import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { SafeFlowError } from '@safeflow/engine/errors';
import { createRuntime, type Runtime } from '../app/createRuntime';
import type { CliCommand } from '../cli/CliCommand';
import { loadConfig } from '../config/loadConfig';
import { deepValidatePack } from './deepValidatePack';
import { exportPack } from './exportPack';
import { PackInstaller, type PackInstallResult } from './PackInstaller';
import { formatIssues, readPackDir, validatePack } from './validatePack';

const USAGE = `safeflow pack validate <dir> [--deep [--base <dir>]...]
safeflow pack install <dir> [--tenant <orgId>]
safeflow pack upgrade <dir> [--tenant <orgId>]
safeflow pack export --out <dir> [--tenant <orgId>] [--pack <id>]`;

const out = (s: string) => process.stdout.write(s.endsWith('\n') ? s : s + '\n');
const err = (s: string) => process.stderr.write(s.endsWith('\n') ? s : s + '\n');

/** The tenant a CLI call is for: `--tenant`, else the only top-level org of the database. */
async function tenantOf(rt: Runtime, given: string | undefined): Promise<string> {
  if (given) return given;
  const roots = await rt.deps.db.query<{ id: string; name: string }>('SELECT id, name FROM org WHERE parent_id IS NULL ORDER BY created_at');
  if (roots.length === 1) return roots[0]!.id;
  throw new SafeFlowError('pack.tenant_required', `Say which tenant: --tenant <orgId> (${roots.map((r) => `${r.id} ${r.name}`).join('; ') || 'no tenant exists yet'})`);
}

/** A runtime on the configured database without the start-up packs install, not listening (the engine deploys in-process). */
async function openRuntime(): Promise<Runtime> {
  return createRuntime(loadConfig(process.env, { seedDemo: false }));
}

function printResult(r: PackInstallResult): void {
  if (!r.changed) {
    out(`pack ${r.packId} ${r.version} is already installed in tenant ${r.tenantId}: nothing changed`);
    return;
  }
  out(`${r.action === 'install' ? 'installed' : `upgraded ${r.fromVersion} →`} pack ${r.packId} ${r.version} in tenant ${r.tenantId}`);
  out(`  published ${r.summary.published.length} definition version(s), ${r.summary.unchanged} unchanged`);
  for (const p of r.summary.published) out(`    ${p.kind} ${p.key} v${p.version}`);
  for (const m of r.summary.migrated) out(`  migration ${m.op} on ${m.collection}: ${m.records} record(s)`);
  if (r.summary.seeded) out(`  ${r.summary.seeded} demo record(s)`);
}

function printError(e: unknown): void {
  if (e instanceof SafeFlowError) {
    err(`${e.code}: ${e.message}`);
    const issues = (e.details as { issues?: Parameters<typeof formatIssues>[0] } | undefined)?.issues;
    if (issues?.length && issues[0]!.file !== undefined) err(formatIssues(issues));
  } else err(String((e as Error)?.stack ?? e));
}

/** `safeflow pack validate|install|upgrade|export` (see definitions/safety/README.md). */
export const packCommand: CliCommand = {
  words: ['pack'],
  summary: 'Validate, install, upgrade or export a template pack',
  usage: USAGE,
  async run(args) {
    const { values, positionals } = parseArgs({
      args, allowPositionals: true,
      options: { tenant: { type: 'string' }, out: { type: 'string' }, pack: { type: 'string' }, deep: { type: 'boolean' }, base: { type: 'string', multiple: true } },
    });
    const [sub, dir] = positionals;
    try {
      if (sub === 'validate' && dir) {
        const r = await validatePack(readPackDir(path.resolve(dir)));
        if (r.issues.length) {
          err(formatIssues(r.issues));
          err(`${r.issues.length} problem(s) in ${dir}`);
          return 1;
        }
        if (values.deep) {
          const deep = await deepValidatePack(readPackDir(path.resolve(dir)), (values.base ?? []).map((b) => readPackDir(path.resolve(b))));
          if (deep.issues.length) {
            err(formatIssues(deep.issues));
            err(`the pack does not install (checked in a scratch database): ${deep.issues.length} problem(s)`);
            return 1;
          }
          out(`installed in a scratch database: ${deep.result!.summary.published.length} definition(s) published, ${deep.result!.summary.seeded} demo record(s)`);
        }
        out(`pack ${r.pack!.manifest.id} ${r.pack!.manifest.version} is valid: ${r.pack!.definitions.length} definition(s), ${r.pack!.seeds.length} seed file(s)`);
        return 0;
      }
      if ((sub === 'install' || sub === 'upgrade') && dir) {
        const files = readPackDir(path.resolve(dir));
        const rt = await openRuntime();
        try {
          const tenantId = await tenantOf(rt, values.tenant);
          const installer = new PackInstaller(rt.deps);
          const opts = { tenantId, requester: { actorId: 'system', actorName: 'cli' } };
          printResult(sub === 'install' ? await installer.install(files, opts) : await installer.upgrade(files, opts));
          return 0;
        } finally {
          await rt.close(0);
        }
      }
      if (sub === 'export' && values.out) {
        const rt = await openRuntime();
        try {
          const tenantId = await tenantOf(rt, values.tenant);
          const files = await exportPack(rt.deps.db, tenantId, values.pack ?? 'safety');
          for (const [rel, text] of Object.entries(files)) {
            const target = path.join(values.out, rel);
            fs.mkdirSync(path.dirname(target), { recursive: true });
            fs.writeFileSync(target, text);
          }
          out(`exported ${Object.keys(files).length} file(s) to ${values.out}`);
          return 0;
        } finally {
          await rt.close(0);
        }
      }
      err(`usage:\n${USAGE}`);
      return 2;
    } catch (e) {
      printError(e);
      return 1;
    }
  },
};
