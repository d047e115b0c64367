import crypto from 'node:crypto';
import { parseBpmn, type ProcessExecutor, type ProcessDefinitionInfo } from '@safeflow/engine/bpmn';
import { SafeFlowError } from '@safeflow/engine/errors';
import { nextTimerDate } from '@safeflow/engine/bpmn';
import type { Command } from '../core/Command';
import type { CommandContext } from '../core/CommandContext';
import { EngineRestError, invalidRequest } from '../core/EngineRestError';
import { deleteByKey } from '../persistence/keyedWrites';
import type { DefinitionRow } from '../persistence/rows';
import { SYSTEM_ACTOR } from '../../audit/appendAudit';
import type { UnitActor } from '../../db/unitOfWork';
import { auditEngineChange } from '../core/auditEngineChange';

/** A file part of `POST /deployment/create`. */
export interface DeploymentResource {
  name: string;
  content: string;
}

/** Input of {@link DeployCommand}. */
export interface DeployInput {
  name: string | null;
  source: string | null;
  tenantId: string | null;
  deployChangedOnly: boolean;
  enableDuplicateFiltering: boolean;
  resources: DeploymentResource[];
  /** Who deploys (the audit entry's actor; default the system). */
  actor?: UnitActor;
}

/** Result: the deployment and the definitions it created (null when duplicate filtering kept the previous one). */
export interface DeployResult {
  deployment: { id: string; name: string | null; source: string | null; tenant_id: string | null; deployed_at: number };
  definitions: DefinitionRow[] | null;
}

const isBpmn = (name: string) => /\.bpmn(20\.xml)?$/i.test(name) || /\.bpmn\.xml$/i.test(name);

/**
 * Deploys BPMN resources: parses every `.bpmn` file (all parse errors are
 * reported together as a 400 ParseException with `details` per resource),
 * stores the resources, creates one process definition per executable
 * process (same key → next version, per tenant), schedules timer start jobs
 * and message/signal start subscriptions (replacing those of the previous
 * version). Duplicate filtering compares resource hashes with the latest
 * deployment of the same name.
 */
export class DeployCommand implements Command<DeployResult> {
  readonly name = 'Deploy';
  constructor(private readonly input: DeployInput) {}

  async execute(ctx: CommandContext): Promise<DeployResult> {
    const { tx } = ctx;
    const input = this.input;
    if (input.resources.length === 0) throw invalidRequest('deployment.empty', 'No deployment resources contained.');
    const hashed = input.resources.map((r) => ({ ...r, hash: crypto.createHash('sha256').update(r.content).digest('hex') }));

    let toDeploy = hashed;
    if (input.enableDuplicateFiltering || input.deployChangedOnly) {
      const tenant = input.tenantId === null ? 'd.tenant_id IS NULL' : 'd.tenant_id = ?';
      const [prev] = await tx.query<{ id: string }>(
        `SELECT d.id FROM deployment d WHERE ${input.name === null ? 'd.name IS NULL' : 'd.name = ?'} AND ${tenant} ORDER BY d.deployed_at DESC LIMIT 1`,
        [...(input.name === null ? [] : [input.name]), ...(input.tenantId === null ? [] : [input.tenantId])],
      );
      if (prev) {
        const changed: typeof hashed = [];
        for (const r of hashed) {
          const [latest] = await tx.query<{ hash: string }>(
            `SELECT r.hash FROM deployment_resource r JOIN deployment d ON d.id = r.deployment_id
              WHERE r.name = ? AND ${input.name === null ? 'd.name IS NULL' : 'd.name = ?'} AND ${tenant} ORDER BY d.deployed_at DESC LIMIT 1`,
            [r.name, ...(input.name === null ? [] : [input.name]), ...(input.tenantId === null ? [] : [input.tenantId])],
          );
          if (!latest || latest.hash !== r.hash) changed.push(r);
        }
        if (changed.length === 0) {
          const [dep] = await tx.query<DeployResult['deployment']>(`SELECT * FROM deployment WHERE id = ?`, [prev.id]);
          return { deployment: dep!, definitions: null };
        }
        if (input.deployChangedOnly) toDeploy = changed;
      }
    }

    const parsed: Array<{ resource: string; info: ProcessDefinitionInfo; executor: ProcessExecutor }> = [];
    const problems: Record<string, { errors: unknown[]; warnings: unknown[] }> = {};
    for (const r of toDeploy) {
      if (!isBpmn(r.name)) continue;
      try {
        const out = await parseBpmn(r.content);
        for (const p of out.processes) if (p.info.isExecutable) parsed.push({ resource: r.name, ...p });
      } catch (err) {
        if (!(err instanceof SafeFlowError)) throw err;
        const errors = ((err.details as { errors?: Array<Record<string, unknown>> })?.errors ?? [{ message: err.message }]).map((e) => ({
          message: e.message,
          line: e.line ?? null,
          column: e.column ?? null,
          mainElementId: e.elementId ?? null,
          elementIds: e.elementId ? [e.elementId] : [],
        }));
        problems[r.name] = { errors, warnings: [] };
      }
    }
    const failed = Object.keys(problems);
    if (failed.length) {
      const first = problems[failed[0]!]!.errors[0] as { message: string };
      throw new EngineRestError('deployment.parse_error', 'ParseException', `ENGINE-01009 Error while parsing process. ${first.message}`, {
        status: 400,
        details: problems,
      });
    }

    const deployment = { id: crypto.randomUUID(), name: input.name, source: input.source, tenant_id: input.tenantId, deployed_at: ctx.now.getTime() };
    await tx.execute(`INSERT INTO deployment (id, name, source, tenant_id, deployed_at) VALUES (?, ?, ?, ?, ?)`, [
      deployment.id,
      deployment.name,
      deployment.source,
      deployment.tenant_id,
      deployment.deployed_at,
    ]);
    for (const r of toDeploy) {
      await tx.execute(`INSERT INTO deployment_resource (id, deployment_id, name, content, hash) VALUES (?, ?, ?, ?, ?)`, [
        crypto.randomUUID(),
        deployment.id,
        r.name,
        r.content,
        r.hash,
      ]);
    }
    const definitions: DefinitionRow[] = [];
    for (const p of parsed) {
      const row = await this.createDefinition(ctx, deployment.id, p.resource, p.info);
      ctx.services.definitions.put(row, p.executor);
      definitions.push(row);
    }
    const [tenantOrg] = input.tenantId ? await tx.query<{ path: string }>('SELECT path FROM org WHERE id = ?', [input.tenantId]) : [];
    await auditEngineChange(ctx, input.actor ?? SYSTEM_ACTOR, {
      action: 'process.deploy', targetType: 'deployment', targetId: deployment.id, orgId: tenantOrg ? input.tenantId : null, orgPath: tenantOrg?.path ?? null,
      change: { name: input.name, source: input.source, tenantId: input.tenantId, resources: toDeploy.map((r) => ({ name: r.name, sha256: r.hash })), definitions: definitions.map((d) => ({ id: d.id, key: d.def_key, version: d.version })) },
    });
    return { deployment, definitions };
  }

  private async createDefinition(ctx: CommandContext, deploymentId: string, resource: string, info: ProcessDefinitionInfo): Promise<DefinitionRow> {
    const { tx } = ctx;
    const tenantId = this.input.tenantId;
    const tenant = tenantId === null ? 'tenant_id IS NULL' : 'tenant_id = ?';
    const tParams = tenantId === null ? [] : [tenantId];
    const [prev] = await tx.query<{ id: string; version: number }>(
      `SELECT id, version FROM process_definition WHERE def_key = ? AND ${tenant} ORDER BY version DESC LIMIT 1`,
      [info.key, ...tParams],
    );
    const version = prev ? Number(prev.version) + 1 : 1;
    const row: DefinitionRow = {
      id: `${info.key}:${version}:${crypto.randomUUID()}`,
      def_key: info.key,
      version,
      name: info.name ?? null,
      version_tag: info.versionTag ?? null,
      deployment_id: deploymentId,
      resource_name: resource,
      tenant_id: tenantId,
      suspended: 0,
    };
    await tx.execute(
      `INSERT INTO process_definition (id, def_key, version, name, version_tag, deployment_id, resource_name, tenant_id, suspended, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?)`,
      [row.id, row.def_key, row.version, row.name, row.version_tag, row.deployment_id, row.resource_name, row.tenant_id, ctx.now.getTime()],
    );
    if (prev) {
      await deleteByKey(tx, 'job', `definition_id = ? AND type = 'timer-start'`, [prev.id]);
      await deleteByKey(tx, 'event_subscription', 'definition_id = ? AND execution_id IS NULL', [prev.id]);
    }
    for (const t of info.timerStartEvents) {
      const next = nextTimerDate(t.timer, ctx.now);
      if (!next) continue;
      await tx.execute(
        `INSERT INTO job (id, type, execution_id, activity_id, process_instance_id, definition_id, due_date, retries, retry_time_cycle, timer, tenant_id, suspended, created, revision)
         VALUES (?, 'timer-start', NULL, ?, NULL, ?, ?, 3, NULL, ?, ?, 0, ?, 1)`,
        [crypto.randomUUID(), t.activityId, row.id, next.dueDate.getTime(), JSON.stringify({ ...t.timer, repeatsLeft: next.repeatsLeft }), tenantId, ctx.now.getTime()],
      );
      ctx.wakeJobs();
    }
    for (const m of info.messageStartEvents) {
      await tx.execute(
        `INSERT INTO event_subscription (id, kind, event_name, execution_id, activity_id, process_instance_id, definition_id, tenant_id, created) VALUES (?, 'message', ?, NULL, ?, NULL, ?, ?, ?)`,
        [crypto.randomUUID(), m.messageName, m.activityId, row.id, tenantId, ctx.now.getTime()],
      );
    }
    for (const s of info.signalStartEvents) {
      await tx.execute(
        `INSERT INTO event_subscription (id, kind, event_name, execution_id, activity_id, process_instance_id, definition_id, tenant_id, created) VALUES (?, 'signal', ?, NULL, ?, NULL, ?, ?, ?)`,
        [crypto.randomUUID(), s.signalName, s.activityId, row.id, tenantId, ctx.now.getTime()],
      );
    }
    return row;
  }
}
