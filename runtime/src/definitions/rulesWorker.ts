import crypto from 'node:crypto';
import { SafeFlowError } from '@safeflow/engine/errors';
import type { AppDeps } from '../app/AppDeps';
import { engineGatewayOf } from '../engineGateway/engineGatewayOf';
import { createWorker, type Worker } from '../worker/createWorker';
import { evaluateStoredRuleset, parseRulesetRef } from './evaluateStoredRuleset';

/** The topic of business-rule tasks evaluated by SafeFlow rulesets. */
export const RULES_TOPIC = 'rules';

/**
 * Starts the in-process `rules` worker: SafeFlow's own worker helper
 * ({@link createWorker}, over the real `camunda-external-task-client-js`
 * client) against this node's `/engine-rest` with its own worker credential.
 * For each business-rule task (`camunda:type="external" camunda:topic="rules"`
 * with the `camunda:properties` entry `ruleset` = `<key>[@version]`) it
 * evaluates the ruleset over the process variables it declares as facts
 * (resolved for the instance's org), records the decision with the ruleset
 * version in `decision_log`, and completes the task with the outputs and
 * `rulesetVersion` as variables. Failures (unknown ruleset, bad facts) become
 * incidents at once (retries 0) whose message starts with the error code
 * (`rules.failed` when the error has none). Stop it with `stop()`.
 */
export async function startRulesWorker(deps: AppDeps, url: string): Promise<Worker> {
  const conn = await engineGatewayOf(deps).workerConnection({ selfUrl: url, name: 'safeflow in-process rules worker', topics: [RULES_TOPIC] });
  const worker = createWorker({
    baseUrl: conn.baseUrl,
    workerId: `safeflow-rules-${crypto.randomUUID()}`,
    auth: conn.auth,
    asyncResponseTimeout: 10_000,
    lockDuration: 30_000,
    maxTasks: 10,
    interval: 200,
    retry: { retries: 1 }, // the first failure leaves 0 retries: an incident at once
    onPollError: (err) => deps.logger.debug({ err }, 'rules worker poll failed'),
    onError: (_topic, taskId, err) => deps.logger.warn({ err, taskId }, 'rules task failed'),
  });
  worker.subscribe<Record<string, unknown>, Record<string, unknown>>(
    RULES_TOPIC,
    async ({ task, variables }) => {
      try {
        const ref = parseRulesetRef(task.extensionProperties?.ruleset);
        const [inst] = await deps.db.query<{ org_path: string | null; tenant_id: string | null }>('SELECT org_path, tenant_id FROM process_instance WHERE id = ?', [
          task.processInstanceId,
        ]);
        const tenantId = inst?.tenant_id ?? task.tenantId ?? null;
        const orgPath = inst?.org_path ?? (tenantId ? `/${tenantId}/` : '/');
        const d = await evaluateStoredRuleset(
          deps,
          { key: ref.key, version: ref.version, orgPath, facts: variables, onlyDeclaredFacts: true },
          { processInstanceId: task.processInstanceId, activityId: task.activityId, tenantId },
        );
        return { ...d.outputs, rulesetVersion: d.ruleset.version };
      } catch (err) {
        throw withCode(err, 'rules.failed');
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
