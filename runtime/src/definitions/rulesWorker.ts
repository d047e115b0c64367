import crypto from 'node:crypto';
import { Client, Variables, type SubscribeOptions } from 'camunda-external-task-client-js';
import type { AppDeps } from '../app/AppDeps';
import { engineGatewayOf } from '../engineGateway/engineGatewayOf';
import { workerInterceptors } from '../engineGateway/workerInterceptors';
import { evaluateStoredRuleset, parseRulesetRef } from './evaluateStoredRuleset';

/** The topic of business-rule tasks evaluated by SafeFlow rulesets. */
export const RULES_TOPIC = 'rules';

/**
 * Starts the in-process `rules` worker: a real
 * `camunda-external-task-client-js` client against this node's
 * `/engine-rest` with its own worker credential. For each business-rule task
 * (`camunda:type="external" camunda:topic="rules"` with the
 * `camunda:properties` entry `ruleset` = `<key>[@version]`) it evaluates the
 * ruleset over the process variables it declares as facts (resolved for the instance's org),
 * records the decision with the ruleset version in `decision_log`, and
 * completes the task with the outputs as variables. Failures (unknown
 * ruleset, bad facts) become incidents (retries 0) with the error message.
 */
export async function startRulesWorker(deps: AppDeps, url: string): Promise<Client> {
  const conn = await engineGatewayOf(deps).workerConnection({ selfUrl: url, name: 'safeflow in-process rules worker', topics: [RULES_TOPIC] });
  const client = new Client({
    baseUrl: conn.baseUrl,
    workerId: `safeflow-rules-${crypto.randomUUID()}`,
    interceptors: workerInterceptors(conn.auth),
    asyncResponseTimeout: 10_000,
    lockDuration: 30_000,
    maxTasks: 10,
    interval: 200,
    autoPoll: false,
  });
  client.on('poll:error', (err: unknown) => deps.logger.debug({ err }, 'rules worker poll failed'));
  client.subscribe(RULES_TOPIC, { includeExtensionProperties: true } as SubscribeOptions, async ({ task, taskService }) => {
    try {
      const ref = parseRulesetRef((task as { extensionProperties?: Record<string, string> }).extensionProperties?.ruleset);
      const [inst] = await deps.db.query<{ org_path: string | null; tenant_id: string | null }>('SELECT org_path, tenant_id FROM process_instance WHERE id = ?', [
        task.processInstanceId,
      ]);
      const tenantId = inst?.tenant_id ?? task.tenantId ?? null;
      const orgPath = inst?.org_path ?? (tenantId ? `/${tenantId}/` : '/');
      const facts = task.variables.getAll() as Record<string, unknown>;
      const d = await evaluateStoredRuleset(
        deps,
        { key: ref.key, version: ref.version, orgPath, facts, onlyDeclaredFacts: true },
        { processInstanceId: task.processInstanceId, activityId: task.activityId, tenantId },
      );
      const out = new Variables();
      for (const [k, v] of Object.entries(d.outputs)) out.set(k, v);
      out.set('rulesetVersion', d.ruleset.version);
      await taskService.complete(task, out);
    } catch (err) {
      deps.logger.warn({ err, taskId: task.id }, 'rules task failed');
      const e = err as { code?: string; message?: string };
      await taskService.handleFailure(task, { errorMessage: `${e.code ?? 'rules.failed'}: ${e.message ?? String(err)}`.slice(0, 600), retries: 0, retryTimeout: 0 });
    }
  });
  client.start();
  return client;
}
