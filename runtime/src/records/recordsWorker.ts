import { SafeFlowError } from '@safeflow/engine/errors';
import type { AppDeps } from '../app/AppDeps';
import { startInProcessWorker, taskOrg } from '../engineGateway/startInProcessWorker';
import type { AuthContext } from '../http/AuthContext';
import type { TaskContext, Worker } from '../worker/createWorker';
import type { CollectionContent } from '../definitions/CollectionContent';
import { DefinitionStore } from '../definitions/DefinitionStore';
import { RecordService } from './RecordService';
import { withConflictRetry } from './withConflictRetry';

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
  return await startInProcessWorker(deps, url, {
    topic: RECORDS_TOPIC,
    label: 'records',
    failureCode: 'records.failed',
    // concurrent first records of one org and state can deadlock on record_count (MariaDB): each action is retried whole
    handler: ({ task, variables }) => withConflictRetry(() => handle(task, variables)),
  });

  async function handle(task: TaskContext<Record<string, unknown>>['task'], vars: Record<string, unknown>) {
    const props = task.extensionProperties ?? {};
    const collection = props.collection;
    if (!collection) throw new SafeFlowError('records.collection_missing', "The task has no 'collection' property", { status: 400 });
    const { orgPath } = await taskOrg(deps, task);
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
  }
}
