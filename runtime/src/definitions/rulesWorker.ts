import type { AppDeps } from '../app/AppDeps';
import { startInProcessWorker, taskOrg } from '../engineGateway/startInProcessWorker';
import type { Worker } from '@safeflow/plugin-kit';
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
  return startInProcessWorker(deps, url, {
    topic: RULES_TOPIC,
    label: 'rules',
    failureCode: 'rules.failed',
    handler: async ({ task, variables }) => {
      const ref = parseRulesetRef(task.extensionProperties?.ruleset);
      const org = await taskOrg(deps, task);
      const tenantId = org.tenantId;
      const orgPath = org.orgPath ?? '/';
      const d = await evaluateStoredRuleset(
        deps,
        { key: ref.key, version: ref.version, orgPath, facts: variables, onlyDeclaredFacts: true },
        { processInstanceId: task.processInstanceId, activityId: task.activityId, tenantId },
      );
      return { ...d.outputs, rulesetVersion: d.ruleset.version };
    },
  });
}
