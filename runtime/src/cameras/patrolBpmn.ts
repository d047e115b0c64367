/** What a patrol route's BPMN is generated from. */
export interface PatrolBpmnInput {
  processKey: string;
  name: string;
  routeId: string;
  /** The task type run at each stop (external-task topic). */
  taskTopic: string;
  /** Its `camunda:properties`. */
  taskConfig: Record<string, string>;
  /** ISO-8601 repeating interval (`R/PT1H`) or Quartz cron (`0 0 8 * * ?`); none: started by hand only. */
  schedule: string | null;
  /** Candidate group of the work-order user task raised when a stop sets `workOrder = true`. */
  workOrderGroup: string;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The BPMN of a patrol route (巡检路线), plain Camunda 7:
 * a none start (run now) and, with a schedule, a timer start (`timeCycle`) →
 * `patrol-route` task (loads the route's ordered camera ids into `cameraIds`,
 * so editing the cameras needs no redeploy) → a sequential multi-instance
 * embedded sub-process over `${cameraIds}` (element variable `cameraId`)
 * whose stop runs the route's task type with its configuration, then — when
 * the stop set `workOrder = true` (e.g. video-diagnose on a failing camera) —
 * a work-order user task for `workOrderGroup` → end.
 */
export function patrolBpmn(p: PatrolBpmnInput): string {
  const props = Object.entries(p.taskConfig)
    .map(([k, v]) => `<camunda:property name="${esc(k)}" value="${esc(v)}" />`)
    .join('');
  const timer = p.schedule
    ? `<startEvent id="scheduled" name="定时巡检"><timerEventDefinition><timeCycle>${esc(p.schedule)}</timeCycle></timerEventDefinition></startEvent>
    <sequenceFlow id="f_timer" sourceRef="scheduled" targetRef="load" />`
    : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs_${esc(p.processKey)}" targetNamespace="http://safeflow.dev/patrol">
  <process id="${esc(p.processKey)}" name="${esc(p.name)}" isExecutable="true">
    <startEvent id="manual" name="立即巡检" />
    <sequenceFlow id="f_manual" sourceRef="manual" targetRef="load" />
    ${timer}
    <serviceTask id="load" name="读取路线" camunda:type="external" camunda:topic="patrol-route">
      <extensionElements><camunda:properties><camunda:property name="routeId" value="${esc(p.routeId)}" /></camunda:properties></extensionElements>
    </serviceTask>
    <sequenceFlow id="f_load" sourceRef="load" targetRef="stops" />
    <subProcess id="stops" name="逐个点位">
      <multiInstanceLoopCharacteristics isSequential="true" camunda:collection="\${cameraIds}" camunda:elementVariable="cameraId" />
      <startEvent id="stop_start" />
      <sequenceFlow id="f_s1" sourceRef="stop_start" targetRef="stop" />
      <serviceTask id="stop" name="点位任务" camunda:type="external" camunda:topic="${esc(p.taskTopic)}">
        <extensionElements><camunda:properties>${props}</camunda:properties></extensionElements>
      </serviceTask>
      <sequenceFlow id="f_s2" sourceRef="stop" targetRef="needsOrder" />
      <exclusiveGateway id="needsOrder" default="f_ok" />
      <sequenceFlow id="f_order" sourceRef="needsOrder" targetRef="workOrder"><conditionExpression>\${workOrder == true}</conditionExpression></sequenceFlow>
      <sequenceFlow id="f_ok" sourceRef="needsOrder" targetRef="stop_end" />
      <userTask id="workOrder" name="摄像头维修工单" camunda:candidateGroups="${esc(p.workOrderGroup)}" />
      <sequenceFlow id="f_s3" sourceRef="workOrder" targetRef="stop_end" />
      <endEvent id="stop_end" />
    </subProcess>
    <sequenceFlow id="f_end" sourceRef="stops" targetRef="end" />
    <endEvent id="end" />
  </process>
</definitions>
`;
}
