import { alarmOutcome } from '../../cameras/patrolBpmn';
import { bpmn } from '../../engine/testing/bpmn';

/**
 * start → ai-detect (photo, no-helmet rule) → alarm? → the built-in `patrol-alarm` step (links the
 * alarm, sets `eventType = other`, `dispatch = false`, no plan position for a photo) → review (user
 * task) → review result → `confirmed && dispatch` → the pack's `safety-dispatch`, `confirmed` →
 * `safety-hazard` (the call activities of a patrol route's review process, cameras/patrolBpmn's `alarmOutcome`) → end.
 */
export const aiPatrolBpmn = bpmn(
  'aiPatrol',
  `<startEvent id="start"/>
   <sequenceFlow id="f1" sourceRef="start" targetRef="detect"/>
   <serviceTask id="detect" name="AI 识别" camunda:type="external" camunda:topic="ai-detect">
     <extensionElements><camunda:properties>
       <camunda:property name="model" value="ppe"/><camunda:property name="rule" value="no-helmet"/><camunda:property name="source" value="photo"/>
     </camunda:properties></extensionElements>
   </serviceTask>
   <sequenceFlow id="f2" sourceRef="detect" targetRef="anyAlarm"/>
   <exclusiveGateway id="anyAlarm" default="noAlarm"/>
   <sequenceFlow id="yesAlarm" sourceRef="anyAlarm" targetRef="link"><conditionExpression>\${alarm}</conditionExpression></sequenceFlow>
   <sequenceFlow id="noAlarm" sourceRef="anyAlarm" targetRef="end"/>
   <serviceTask id="link" name="关联告警" camunda:type="external" camunda:topic="patrol-alarm"/>
   <sequenceFlow id="fLink" sourceRef="link" targetRef="review"/>
   <userTask id="review" name="审核AI告警" camunda:candidateGroups="safetyOfficer"/>
   <sequenceFlow id="f3" sourceRef="review" targetRef="recordReview"/>
   <serviceTask id="recordReview" name="记录审核结果" camunda:type="external" camunda:topic="ai-alarm-review"/>
   <sequenceFlow id="f4" sourceRef="recordReview" targetRef="outcome"/>
   ${alarmOutcome('end')}
   <endEvent id="end"/>`,
);

