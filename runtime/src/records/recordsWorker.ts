import { z } from 'zod';
import { SafeFlowError } from '@safeflow/engine/errors';
import { defineTaskType, type TaskTypeDefinition } from '@safeflow/plugin-kit';
import type { AppDeps } from '../app/AppDeps';
import { taskOrg } from '../engineGateway/startInProcessWorker';
import type { AuthContext } from '../http/AuthContext';
import type { TaskContext } from '../worker/createWorker';
import type { CollectionContent } from '../definitions/CollectionContent';
import { DefinitionStore } from '../definitions/DefinitionStore';
import { RecordService } from './RecordService';
import { withConflictRetry } from './withConflictRetry';
import { orgIdOfPath } from '../orgs/orgIdOfPath';

/** The topic of service tasks that create or change records. */
export const RECORDS_TOPIC = 'records';

/** The system caller records are written as by the worker (scope: everything; the instance's org is given explicitly). */
const WORKER_AUTH: AuthContext = { kind: 'worker', userId: 'records-worker', username: 'records-worker', platformAdmin: true, memberships: [] };

/**
 * The built-in `records` task type, registered through the plugin kit
 * (runtime/src/plugins/builtinPlugin.ts) and run in-process by the plugin
 * host on the typed worker helper against this node's `/engine-rest` with
 * its own worker credential. A service task `camunda:type="external"
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
 * when the error has none).
 */
export function recordsTaskType(deps: AppDeps): TaskTypeDefinition<Record<string, string>> {
  const records = new RecordService(deps);
  return defineTaskType({
    topic: RECORDS_TOPIC,
    name: { 'zh-CN': '台账记录', en: 'Records' },
    description: { 'zh-CN': '创建、更新台账记录或变更其状态', en: 'Creates or updates a record, or moves it to another state' },
    // `x-safeflow-ref` tells the modeler's properties panel which definitions the property picks from
    configSchema: z
      .object({
        collection: z.string().min(1).meta({ title: 'Collection', 'x-safeflow-ref': 'collection' }),
        action: z.enum(['create', 'update', 'transition']).default('create').meta({ title: 'Action' }),
        to: z.string().optional().meta({ title: 'Target state (transition)' }),
        resultVariable: z.string().optional().meta({ title: 'Result variable (create)' }),
        recordIdVariable: z.string().optional().meta({ title: 'Record id variable (update/transition)' }),
      })
      .catchall(z.string()) as z.ZodType<Record<string, string>>,
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
      const orgId = orgIdOfPath(orgPath)!;
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
