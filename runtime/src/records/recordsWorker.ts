import crypto from 'node:crypto';
import { SafeFlowError } from '@safeflow/engine/errors';
import type { AppDeps } from '../app/AppDeps';
import { engineGatewayOf } from '../engineGateway/engineGatewayOf';
import type { AuthContext } from '../http/AuthContext';
import { createWorker, type Worker } from '../worker/createWorker';
import type { CollectionContent } from '../definitions/CollectionContent';
import { DefinitionStore } from '../definitions/DefinitionStore';
import { RecordService } from './RecordService';

/** The topic of service tasks that create or change records. */
export const RECORDS_TOPIC = 'records';

/** The system caller records are written as by the worker (scope: everything; the instance's org is given explicitly). */
const WORKER_AUTH: AuthContext = { kind: 'worker', userId: 'records-worker', username: 'records-worker', platformAdmin: true, memberships: [] };

/**
 * Starts the in-process `records` worker: SafeFlow's own worker helper
 * ({@link createWorker}, over the real `camunda-external-task-client-js`
 * client) against this node's `/engine-rest` with its own worker credential. A service task `camunda:type="external"
 * camunda:topic="records"` with `camunda:properties`:
 * - `collection` (required) and `action` = `create` (default) | `update` | `transition`;
 * - create: the record's data are the process variables named like the
 *   collection's fields; the record belongs to the instance's org; the new
 *   id is set as variable `recordId` (or the `resultVariable` property);
 * - update: variable `recordId` (or `recordIdVariable`) names the record;
 *   matching variables overwrite its fields;
 * - transition: moves the record to the `to` property's state.
 * Failures (validation errors, unknown record) become incidents at once
 * (retries 0) whose message starts with the error code (`records.failed`
 * when the error has none). Stop it with `stop()`.
 */
export async function startRecordsWorker(deps: AppDeps, url: string): Promise<Worker> {
  const records = new RecordService(deps);
  const conn = await engineGatewayOf(deps).workerConnection({ selfUrl: url, name: 'safeflow in-process records worker', topics: [RECORDS_TOPIC] });
  const worker = createWorker({
    baseUrl: conn.baseUrl,
    workerId: `safeflow-records-${crypto.randomUUID()}`,
    auth: conn.auth,
    asyncResponseTimeout: 10_000,
    lockDuration: 30_000,
    maxTasks: 10,
    interval: 200,
    retry: { retries: 1 }, // the first failure leaves 0 retries: an incident at once
    onPollError: (err) => deps.logger.debug({ err }, 'records worker poll failed'),
    onError: (_topic, taskId, err) => deps.logger.warn({ err, taskId }, 'records task failed'),
  });
  worker.subscribe<Record<string, unknown>, Record<string, unknown>>(
    RECORDS_TOPIC,
    async ({ task, variables: vars }) => {
      try {
        const props = task.extensionProperties ?? {};
        const collection = props.collection;
        if (!collection) throw new SafeFlowError('records.collection_missing', "The task has no 'collection' property", { status: 400 });
        const [inst] = await deps.db.query<{ org_path: string | null; tenant_id: string | null }>('SELECT org_path, tenant_id FROM process_instance WHERE id = ?', [task.processInstanceId]);
        const tenantId = inst?.tenant_id ?? task.tenantId ?? null;
        const orgPath = inst?.org_path ?? (tenantId ? `/${tenantId}/` : undefined);
        if (!orgPath) throw new SafeFlowError('records.no_org', 'The process instance belongs to no org', { status: 400 });
        const { version } = await DefinitionStore.resolvePublished(deps.db, 'collection', collection, orgPath);
        const fields = (version.content as CollectionContent).fields;
        const pick = () => Object.fromEntries(Object.entries(vars).filter(([k, v]) => k in fields && v !== null && v !== undefined));
        const action = props.action ?? 'create';
        if (action === 'create') {
          const orgId = orgPath.split('/').filter(Boolean).pop()!;
          const rec = await records.create(WORKER_AUTH, collection, { orgId, data: pick() }, 'zh-CN');
          return { [props.resultVariable ?? 'recordId']: rec.id };
        }
        const id = String(vars[props.recordIdVariable ?? 'recordId'] ?? '');
        const rec = await records.load(WORKER_AUTH, collection, id, 'record.write');
        if (action === 'update') await records.update(WORKER_AUTH, collection, id, { data: { ...rec.data, ...pick() }, revision: rec.revision });
        else if (action === 'transition') await records.transition(WORKER_AUTH, collection, id, { to: String(props.to ?? ''), note: `process ${task.processInstanceId}`, revision: rec.revision });
        else throw new SafeFlowError('records.unknown_action', `Unknown action '${action}'`, { status: 400 });
        return {};
      } catch (err) {
        throw withCode(err, 'records.failed');
      }
    },
    { includeExtensionProperties: true },
  );
  worker.start();
  return worker;
}

/** `err` itself when it carries a stable code, else a {@link SafeFlowError} with `code` and its message. */
function withCode(err: unknown, code: string): unknown {
  if (typeof (err as { code?: unknown } | null)?.code === 'string') return err;
  return new SafeFlowError(code, (err as Error | null)?.message ?? String(err), { cause: err });
}
