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
  /** Candidate group of an AI alarm's review task (routes whose task type is `ai-detect`); default `safetyOfficer`. */
  reviewGroup?: string;
}

/** Topic of the task type whose stops raise AI alarms (they get a review per alarm). */
export const AI_DETECT_TOPIC = 'ai-detect';

/** Key of the review process deployed with an `ai-detect` route (one instance per alarm). */
export const alarmReviewKey = (processKey: string) => `${processKey}-alarm-review`;

/** The variables of the stop that travel with the alarm signal into its review. */
const ALARM_VARIABLES = ['alarmId', 'cameraId', 'patrolRouteId', 'hazardTitle', 'hazardPhotos', 'suggestedGrade', 'hazardType', 'mgmtClass', 'location', 'snapshot'];

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
 *
 * An `ai-detect` route (no work orders: ai-detect sets no `workOrder`) instead throws a signal (`patrol-alarm:<processKey>`, with the
 * alarm's variables, business key the alarm id) after each stop that opened an alarm
 * (`alarm == true`); the route moves on to its next camera at once. The signal starts
 * the route's second process, {@link alarmReviewKey}: `patrol-alarm` (points the alarm
 * at this instance, sets the camera's plan position `locationX`/`locationY`,
 * `eventType = other` and `dispatch = false`; the reviewer may set them) → review user task (`reviewGroup`) → `ai-alarm-review` →
 * `confirmed && dispatch` → call activity `safety-dispatch` (source `alarm`, the alarm
 * as its reference), `confirmed` → call activity `safety-hazard` (origin `ai-alarm`) → end.
 */
export function patrolBpmn(p: PatrolBpmnInput): string {
  const props = Object.entries(p.taskConfig)
    .map(([k, v]) => `<camunda:property name="${esc(k)}" value="${esc(v)}" />`)
    .join('');
  const timer = p.schedule
    ? `<startEvent id="scheduled" name="定时巡检"><timerEventDefinition><timeCycle>${esc(p.schedule)}</timeCycle></timerEventDefinition></startEvent>
    <sequenceFlow id="f_timer" sourceRef="scheduled" targetRef="load" />`
    : '';
  const ai = p.taskTopic === AI_DETECT_TOPIC;
  const ins = ALARM_VARIABLES.map((v) => `<camunda:in source="${v}" target="${v}" />`).join('');
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
      ${ai ? `<sequenceFlow id="f_s2" sourceRef="stop" targetRef="anyAlarm" />
      <exclusiveGateway id="anyAlarm" default="f_noAlarm" />
      <sequenceFlow id="f_alarm" sourceRef="anyAlarm" targetRef="raiseAlarm"><conditionExpression>\${alarm == true}</conditionExpression></sequenceFlow>
      <sequenceFlow id="f_noAlarm" sourceRef="anyAlarm" targetRef="stop_end" />
      <intermediateThrowEvent id="raiseAlarm" name="告警转审核">
        <signalEventDefinition signalRef="alarmSignal"><extensionElements>${ins}<camunda:in businessKey="\${alarmId}" /></extensionElements></signalEventDefinition>
      </intermediateThrowEvent>
      <sequenceFlow id="f_raised" sourceRef="raiseAlarm" targetRef="stop_end" />` : `<sequenceFlow id="f_s2" sourceRef="stop" targetRef="needsOrder" />
      <exclusiveGateway id="needsOrder" default="f_ok" />
      <sequenceFlow id="f_order" sourceRef="needsOrder" targetRef="workOrder"><conditionExpression>\${workOrder == true}</conditionExpression></sequenceFlow>
      <sequenceFlow id="f_ok" sourceRef="needsOrder" targetRef="stop_end" />
      <userTask id="workOrder" name="摄像头维修工单" camunda:candidateGroups="${esc(p.workOrderGroup)}" />
      <sequenceFlow id="f_s3" sourceRef="workOrder" targetRef="stop_end" />`}
      <endEvent id="stop_end" />
    </subProcess>
    <sequenceFlow id="f_end" sourceRef="stops" targetRef="end" />
    <endEvent id="end" />
  </process>${ai ? reviewProcess(p) : ''}
</definitions>
`;
}

/** The per-alarm review process of an `ai-detect` route (see {@link patrolBpmn}), with the signal it starts on. */
function reviewProcess(p: PatrolBpmnInput): string {
  return `
  <signal id="alarmSignal" name="patrol-alarm:${esc(p.processKey)}" />
  <process id="${esc(alarmReviewKey(p.processKey))}" name="${esc(p.name)} · 告警审核" isExecutable="true">
    <startEvent id="alarmRaised" name="AI 告警"><signalEventDefinition signalRef="alarmSignal" /></startEvent>
    <sequenceFlow id="r1" sourceRef="alarmRaised" targetRef="link" />
    <serviceTask id="link" name="关联告警" camunda:type="external" camunda:topic="patrol-alarm" />
    <sequenceFlow id="r2" sourceRef="link" targetRef="review" />
    <userTask id="review" name="审核AI告警" camunda:candidateGroups="${esc(p.reviewGroup ?? 'safetyOfficer')}" />
    <sequenceFlow id="r3" sourceRef="review" targetRef="recordReview" />
    <serviceTask id="recordReview" name="记录审核结果" camunda:type="external" camunda:topic="ai-alarm-review" />
    <sequenceFlow id="r4" sourceRef="recordReview" targetRef="outcome" />
    ${alarmOutcome('reviewed')}
    <endEvent id="reviewed" />
  </process>`;
}

/**
 * What follows a recorded review (after `ai-alarm-review`): `confirmed && dispatch` → the pack's
 * `safety-dispatch` (source `alarm`, sourceRef = the alarm, type, place and plan position, the
 * reviewer as initiator), `confirmed` → `safety-hazard` (source 12 AI视频巡查, origin `ai-alarm`, the
 * snapshot as photo, grade and class suggested by the rule, the reviewer as reporter), else `next`.
 * The gateway is `outcome`; every path ends at `next`. Shared by the route's review process and tests.
 */
export function alarmOutcome(next: string): string {
  return `<exclusiveGateway id="outcome" default="r_false" />
    <sequenceFlow id="r_dispatch" sourceRef="outcome" targetRef="dispatch"><conditionExpression>\${confirmed &amp;&amp; dispatch}</conditionExpression></sequenceFlow>
    <sequenceFlow id="r_hazard" sourceRef="outcome" targetRef="hazard"><conditionExpression>\${confirmed}</conditionExpression></sequenceFlow>
    <sequenceFlow id="r_false" sourceRef="outcome" targetRef="${esc(next)}" />
    <callActivity id="dispatch" name="启动指挥调度" calledElement="safety-dispatch">
      <extensionElements>
        <camunda:in source="hazardTitle" target="title" />
        <camunda:in sourceExpression="alarm" target="source" />
        <camunda:in source="alarmId" target="sourceRef" />
        <camunda:in source="eventType" target="eventType" />
        <camunda:in source="location" target="place" />
        <camunda:in source="locationX" target="locationX" />
        <camunda:in source="locationY" target="locationY" />
        <camunda:in source="reviewer" target="initiator" />
      </extensionElements>
    </callActivity>
    <sequenceFlow id="r5" sourceRef="dispatch" targetRef="${esc(next)}" />
    <callActivity id="hazard" name="隐患整改" calledElement="safety-hazard">
      <extensionElements>
        <camunda:in source="hazardTitle" target="title" />
        <camunda:in sourceExpression="\${'12'}" target="source" />
        <camunda:in sourceExpression="\${'ai-alarm'}" target="origin" />
        <camunda:in source="alarmId" target="originId" />
        <camunda:in source="hazardPhotos" target="photos" />
        <camunda:in source="suggestedGrade" target="suggestedGrade" />
        <camunda:in source="mgmtClass" target="mgmtClass" />
        <camunda:in source="reviewer" target="reporter" />
      </extensionElements>
    </callActivity>
    <sequenceFlow id="r6" sourceRef="hazard" targetRef="${esc(next)}" />`;
}
