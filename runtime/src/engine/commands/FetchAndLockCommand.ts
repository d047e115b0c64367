import { fromTypedValue, type InstanceState } from '@safeflow/engine/bpmn';
import type { Command } from '../core/Command';
import type { CommandContext } from '../core/CommandContext';
import { toWireVariables } from '../core/wireVariables';
import { openIncident } from '../persistence/incidents';
import type { ExternalTaskRow } from '../persistence/rows';
import { visibleVariables } from '../persistence/visibleVariables';
import { externalTaskDto } from '../rest/externalTaskDto';

/** One entry of `topics[]` in a fetchAndLock request (already validated). */
export interface TopicRequest {
  topicName: string;
  lockDuration: number;
  variables?: string[] | null;
  localVariables?: boolean;
  businessKey?: string;
  processDefinitionId?: string;
  processDefinitionIdIn?: string[];
  processDefinitionKey?: string;
  processDefinitionKeyIn?: string[];
  processDefinitionVersionTag?: string;
  processVariables?: Record<string, unknown>;
  tenantIdIn?: string[];
  withoutTenantId?: boolean;
  includeExtensionProperties?: boolean;
}

/** Input of {@link FetchAndLockCommand}. */
export interface FetchAndLockInput {
  workerId: string;
  maxTasks: number;
  usePriority: boolean;
  sortCreateTime?: 'asc' | 'desc';
  topics: TopicRequest[];
  /** The caller's tenants (undefined = unrestricted); tenant-less tasks are visible to all. */
  tenantScope?: string[];
}

/** A locked task as returned to the worker (Camunda's LockedExternalTaskDto). */
export type LockedTask = ReturnType<typeof externalTaskDto> & {
  errorDetails: string | null;
  variables: Record<string, unknown>;
  extensionProperties: Record<string, string>;
};

/**
 * Finds fetchable tasks of the requested topics (lock absent or expired, not
 * suspended, retries null or > 0, filters matching), orders them (priority
 * desc when `usePriority`, then create time as asked) and locks up to
 * `maxTasks` with a guarded UPDATE (`... AND (lock_expiration_time IS NULL OR
 * lock_expiration_time <= now) AND revision = ?`). A task another fetch got
 * first is dropped silently. A task whose previous lock expired without any
 * report counts one lock expiry; at `maxLockExpiries` it becomes an incident
 * (retries 0) instead of being handed out again.
 */
export class FetchAndLockCommand implements Command<LockedTask[]> {
  readonly name = 'FetchAndLock';
  constructor(private readonly input: FetchAndLockInput) {}

  async execute(ctx: CommandContext): Promise<LockedTask[]> {
    const { tx } = ctx;
    const { input } = this;
    if (input.maxTasks <= 0 || input.topics.length === 0) return [];
    const now = ctx.now.getTime();
    const clauses: string[] = [];
    const params: unknown[] = [];
    for (const t of input.topics) {
      const c = ['t.topic_name = ?'];
      params.push(t.topicName);
      const eq = (column: string, v: unknown) => {
        c.push(`${column} = ?`);
        params.push(v);
      };
      const inList = (column: string, vs: string[]) => {
        if (vs.length === 0) c.push('1=0');
        else {
          c.push(`${column} IN (${vs.map(() => '?').join(',')})`);
          params.push(...vs);
        }
      };
      if (t.businessKey !== undefined) eq('t.business_key', t.businessKey);
      if (t.processDefinitionId !== undefined) eq('t.process_definition_id', t.processDefinitionId);
      if (t.processDefinitionIdIn) inList('t.process_definition_id', t.processDefinitionIdIn);
      if (t.processDefinitionKey !== undefined) eq('t.process_definition_key', t.processDefinitionKey);
      if (t.processDefinitionKeyIn) inList('t.process_definition_key', t.processDefinitionKeyIn);
      if (t.processDefinitionVersionTag !== undefined) eq('t.process_definition_version_tag', t.processDefinitionVersionTag);
      if (t.tenantIdIn) inList('t.tenant_id', t.tenantIdIn);
      if (t.withoutTenantId) c.push('t.tenant_id IS NULL');
      clauses.push(`(${c.join(' AND ')})`);
    }
    let scope = '';
    if (input.tenantScope) {
      scope = input.tenantScope.length
        ? ` AND (t.tenant_id IS NULL OR t.tenant_id IN (${input.tenantScope.map(() => '?').join(',')}))`
        : ' AND t.tenant_id IS NULL';
      params.push(...input.tenantScope);
    }
    const order: string[] = [];
    if (input.usePriority) order.push('t.priority DESC');
    if (input.sortCreateTime) order.push(`t.create_time ${input.sortCreateTime === 'desc' ? 'DESC' : 'ASC'}`);
    order.push('t.id');
    const needsVars = input.topics.some((t) => t.processVariables && Object.keys(t.processVariables).length);
    const limit = needsVars ? Math.max(input.maxTasks * 10, 100) : input.maxTasks * 2 + 10;
    const candidates = await tx.query<ExternalTaskRow>(
      `SELECT t.* FROM external_task t
        WHERE (t.lock_expiration_time IS NULL OR t.lock_expiration_time <= ?) AND t.suspended = 0 AND (t.retries IS NULL OR t.retries > 0)
          AND (${clauses.join(' OR ')})${scope}
        ORDER BY ${order.join(', ')} LIMIT ${Math.floor(limit)}`,
      [now, ...params],
    );
    const states = new Map<string, InstanceState>();
    const stateOf = async (pi: string) => {
      if (!states.has(pi)) {
        const [row] = await tx.query<{ state: string }>(`SELECT state FROM process_instance WHERE id = ?`, [pi]);
        if (row) states.set(pi, JSON.parse(row.state) as InstanceState);
      }
      return states.get(pi);
    };
    const out: LockedTask[] = [];
    for (const task of candidates) {
      if (out.length >= input.maxTasks) break;
      const topic = this.topicFor(task);
      if (!topic) continue;
      if (topic.processVariables && Object.keys(topic.processVariables).length) {
        const state = await stateOf(task.process_instance_id);
        if (!state || !matchesAny(state, topic.processVariables)) continue;
      }
      let expiries = Number(task.lock_expiry_count);
      if (Number(task.lock_unreported) === 1 && task.lock_expiration_time !== null) {
        expiries += 1;
        if (expiries >= ctx.services.maxLockExpiries) {
          await this.giveUp(ctx, task, expiries);
          continue;
        }
      }
      const lockUntil = now + topic.lockDuration;
      const locked = await tx.execute(
        `UPDATE external_task SET worker_id = ?, lock_expiration_time = ?, lock_unreported = 1, lock_expiry_count = ?, revision = revision + 1
          WHERE id = ? AND revision = ? AND (lock_expiration_time IS NULL OR lock_expiration_time <= ?)`,
        [input.workerId, lockUntil, expiries, task.id, task.revision, now],
      );
      if (locked !== 1) continue;
      const state = await stateOf(task.process_instance_id);
      let variables: Record<string, unknown> = {};
      if (state) {
        const all = visibleVariables(state, task.execution_id, topic.localVariables === true);
        variables = toWireVariables(all, topic.variables ?? undefined);
      }
      out.push({
        ...externalTaskDto({ ...task, worker_id: input.workerId, lock_expiration_time: lockUntil }),
        errorDetails: task.error_details,
        variables,
        extensionProperties: topic.includeExtensionProperties ? (JSON.parse(task.extension_properties ?? '{}') as Record<string, string>) : {},
      });
    }
    return out;
  }

  private topicFor(task: ExternalTaskRow): TopicRequest | undefined {
    return this.input.topics.find(
      (t) =>
        t.topicName === task.topic_name &&
        (t.businessKey === undefined || t.businessKey === task.business_key) &&
        (t.processDefinitionId === undefined || t.processDefinitionId === task.process_definition_id) &&
        (!t.processDefinitionIdIn || t.processDefinitionIdIn.includes(task.process_definition_id)) &&
        (t.processDefinitionKey === undefined || t.processDefinitionKey === task.process_definition_key) &&
        (!t.processDefinitionKeyIn || t.processDefinitionKeyIn.includes(task.process_definition_key)) &&
        (t.processDefinitionVersionTag === undefined || t.processDefinitionVersionTag === task.process_definition_version_tag) &&
        (!t.tenantIdIn || (task.tenant_id !== null && t.tenantIdIn.includes(task.tenant_id))) &&
        (!t.withoutTenantId || task.tenant_id === null),
    );
  }

  private async giveUp(ctx: CommandContext, task: ExternalTaskRow, expiries: number): Promise<void> {
    const message = `Lock expired ${expiries} times without a report from a worker (maxLockExpiries = ${ctx.services.maxLockExpiries})`;
    const affected = await ctx.tx.execute(
      `UPDATE external_task SET retries = 0, error_message = ?, lock_expiry_count = ?, lock_unreported = 0, revision = revision + 1 WHERE id = ? AND revision = ?`,
      [message, expiries, task.id, task.revision],
    );
    if (affected !== 1) return;
    await openIncident(ctx, {
      type: 'failedExternalTask',
      message,
      configuration: task.id,
      processInstanceId: task.process_instance_id,
      processDefinitionId: task.process_definition_id,
      activityId: task.activity_id,
      executionId: task.execution_id,
      tenantId: task.tenant_id,
    });
    ctx.deps.logger.warn({ externalTaskId: task.id, topic: task.topic_name, expiries }, 'external task lock expired too often; incident created');
  }
}

function matchesAny(state: InstanceState, wanted: Record<string, unknown>): boolean {
  return Object.entries(wanted).some(([name, value]) => {
    const tv = state.variables[name];
    if (!tv) return false;
    const actual = fromTypedValue(tv);
    const a = actual instanceof Date ? actual.toISOString() : actual;
    return JSON.stringify(a) === JSON.stringify(value);
  });
}
