import type { AppDeps } from '../app/AppDeps';
import { engineGatewayOf } from '../engineGateway/engineGatewayOf';

/** Key of the built-in process a `createTask` schedule action starts (one user task). */
export const SCHEDULED_TASK_PROCESS = 'safeflow-scheduled-task';

/**
 * The built-in process of a schedule's `action.task`: one user task named
 * `taskName`, offered to `candidateGroups`, with the form `taskForm` (its
 * key is evaluated when the task is created), due at `dueAt`; at `missAt`
 * an interrupting timer ends it, so the scheduler records the occurrence
 * as missed (漏检).
 */
export const SCHEDULED_TASK_BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
  targetNamespace="https://safeflow.cn/scheduler" id="${SCHEDULED_TASK_PROCESS}-definitions">
  <process id="${SCHEDULED_TASK_PROCESS}" name="计划任务" isExecutable="true">
    <startEvent id="start"/>
    <sequenceFlow id="f1" sourceRef="start" targetRef="task"/>
    <userTask id="task" name="\${taskName}" camunda:candidateGroups="\${candidateGroups}" camunda:formKey="safeflow:forms/\${taskForm}@latest" camunda:dueDate="\${dueAt}"/>
    <boundaryEvent id="missed" name="漏检" attachedToRef="task" cancelActivity="true">
      <timerEventDefinition><timeDate>\${missAt}</timeDate></timerEventDefinition>
    </boundaryEvent>
    <sequenceFlow id="f2" sourceRef="task" targetRef="done"/>
    <endEvent id="done" name="完成"/>
    <sequenceFlow id="f3" sourceRef="missed" targetRef="endMissed"/>
    <endEvent id="endMissed" name="漏检"/>
  </process>
</definitions>
`;

const deployed = new WeakMap<object, Promise<void>>();

/**
 * Deploys {@link SCHEDULED_TASK_BPMN} for every tenant (no tenant id; a
 * tenant's own process of the same key would win) once per runtime; an
 * unchanged definition keeps its version (deploy-changed-only).
 */
export function ensureScheduledTaskProcess(deps: AppDeps): Promise<void> {
  let p = deployed.get(deps);
  if (!p) {
    p = engineGatewayOf(deps)
      .deploy({ name: SCHEDULED_TASK_PROCESS, deployChangedOnly: true, resources: [{ name: `${SCHEDULED_TASK_PROCESS}.bpmn`, content: SCHEDULED_TASK_BPMN }] })
      .then(() => undefined);
    p.catch(() => deployed.delete(deps));
    deployed.set(deps, p);
  }
  return p;
}
