import { z } from 'zod';
import { defineTaskType, type TaskTypeDefinition } from '@safeflow/plugin-kit';
import type { AppDeps } from '../app/AppDeps';
import { taskOrg } from '../engineGateway/startInProcessWorker';
import { evaluateStoredRuleset, parseRulesetRef } from './evaluateStoredRuleset';

/** The topic of business-rule tasks evaluated by SafeFlow rulesets. */
export const RULES_TOPIC = 'rules';

/**
 * The built-in `rules` task type, registered through the plugin kit like any
 * plugin's (runtime/src/plugins/builtinPlugin.ts) and run in-process by the
 * plugin host on the typed worker helper against this node's `/engine-rest`
 * (or `ENGINE_URL`) with its own worker credential. For each business-rule
 * task (`camunda:type="external" camunda:topic="rules"` with the
 * `camunda:properties` entry `ruleset` = `<key>[@version]`) it evaluates the
 * ruleset over the process variables it declares as facts (resolved for the
 * instance's org), records the decision with the ruleset version in
 * `decision_log`, and completes the task with the outputs and
 * `rulesetVersion` as variables. Failures (unknown ruleset, bad facts) become
 * incidents at once (retries 0) whose message starts with the error code
 * (`rules.failed` when the error has none).
 */
export function rulesTaskType(deps: AppDeps): TaskTypeDefinition<{ ruleset?: string }> {
  return defineTaskType({
    topic: RULES_TOPIC,
    name: { 'zh-CN': '规则判断', en: 'Business rules' },
    description: { 'zh-CN': '用已发布的规则集计算结果', en: 'Evaluates a published SafeFlow ruleset over the process variables' },
    configSchema: z.object({ ruleset: z.string().describe('<key>[@version]').optional() }).passthrough(),
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
