import crypto from 'node:crypto';
import { Client, Variables, type SubscribeOptions } from 'camunda-external-task-client-js';
import { SafeFlowError } from '@safeflow/engine/errors';
import type { AppDeps } from '../app/AppDeps';
import { engineGatewayOf } from '../engineGateway/engineGatewayOf';
import { workerInterceptors } from '../engineGateway/workerInterceptors';
import type { AuthContext } from '../http/AuthContext';
import type { CollectionContent } from '../definitions/CollectionContent';
import { DefinitionStore } from '../definitions/DefinitionStore';
import { RecordService } from './RecordService';

/** The topic of service tasks that create or change records. */
export const RECORDS_TOPIC = 'records';

/** The system caller records are written as by the worker (scope: everything; the instance's org is given explicitly). */
const WORKER_AUTH: AuthContext = { kind: 'worker', userId: 'records-worker', username: 'records-worker', platformAdmin: true, memberships: [] };

/**
 * Starts the in-process `records` worker (real client against
 * `/engine-rest`). A service task `camunda:type="external"
 * camunda:topic="records"` with `camunda:properties`:
 * - `collection` (required) and `action` = `create` (default) | `update` | `transition`;
 * - create: the record's data are the process variables named like the
 *   collection's fields; the record belongs to the instance's org; the new
 *   id is set as variable `recordId` (or the `resultVariable` property);
 * - update: variable `recordId` (or `recordIdVariable`) names the record;
 *   matching variables overwrite its fields;
 * - transition: moves the record to the `to` property's state.
 * Validation errors become incidents (retries 0) with the message.
 */
export async function startRecordsWorker(deps: AppDeps, url: string): Promise<Client> {
  const records = new RecordService(deps);
  const conn = await engineGatewayOf(deps).workerConnection({ selfUrl: url, name: 'safeflow in-process records worker', topics: [RECORDS_TOPIC] });
  const client = new Client({
    baseUrl: conn.baseUrl,
    workerId: `safeflow-records-${crypto.randomUUID()}`,
    interceptors: workerInterceptors(conn.auth),
    asyncResponseTimeout: 10_000,
    lockDuration: 30_000,
    maxTasks: 10,
    interval: 200,
    autoPoll: false,
  });
  client.on('poll:error', (err: unknown) => deps.logger.debug({ err }, 'records worker poll failed'));
  client.subscribe(RECORDS_TOPIC, { includeExtensionProperties: true } as SubscribeOptions, async ({ task, taskService }) => {
    try {
      const props = (task as { extensionProperties?: Record<string, string> }).extensionProperties ?? {};
      const collection = props.collection;
      if (!collection) throw new SafeFlowError('records.collection_missing', "The task has no 'collection' property", { status: 400 });
      const [inst] = await deps.db.query<{ org_path: string | null; tenant_id: string | null }>('SELECT org_path, tenant_id FROM process_instance WHERE id = ?', [task.processInstanceId]);
      const tenantId = inst?.tenant_id ?? task.tenantId ?? null;
      const orgPath = inst?.org_path ?? (tenantId ? `/${tenantId}/` : undefined);
      if (!orgPath) throw new SafeFlowError('records.no_org', 'The process instance belongs to no org', { status: 400 });
      const vars = task.variables.getAll() as Record<string, unknown>;
      const { version } = await DefinitionStore.resolvePublished(deps.db, 'collection', collection, orgPath);
      const fields = (version.content as CollectionContent).fields;
      const pick = () => Object.fromEntries(Object.entries(vars).filter(([k, v]) => k in fields && v !== null && v !== undefined));
      const out = new Variables();
      const action = props.action ?? 'create';
      if (action === 'create') {
        const orgId = orgPath.split('/').filter(Boolean).pop()!;
        const rec = await records.create(WORKER_AUTH, collection, { orgId, data: pick() }, 'zh-CN');
        out.set(props.resultVariable ?? 'recordId', rec.id);
      } else {
        const id = String(vars[props.recordIdVariable ?? 'recordId'] ?? '');
        const rec = await records.load(WORKER_AUTH, collection, id, 'record.write');
        if (action === 'update') await records.update(WORKER_AUTH, collection, id, { data: { ...rec.data, ...pick() }, revision: rec.revision });
        else if (action === 'transition') await records.transition(WORKER_AUTH, collection, id, { to: String(props.to ?? ''), note: `process ${task.processInstanceId}`, revision: rec.revision });
        else throw new SafeFlowError('records.unknown_action', `Unknown action '${action}'`, { status: 400 });
      }
      await taskService.complete(task, out);
    } catch (err) {
      deps.logger.warn({ err, taskId: task.id }, 'records task failed');
      const e = err as { code?: string; message?: string };
      await taskService.handleFailure(task, { errorMessage: `${e.code ?? 'records.failed'}: ${e.message ?? String(err)}`.slice(0, 600), retries: 0, retryTimeout: 0 });
    }
  });
  client.start();
  return client;
}
