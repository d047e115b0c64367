import { bpmn } from '../../engine/testing/bpmn';

/**
 * start → ai-detect (photo, no-helmet rule) → alarm? → the built-in `patrol-alarm` step (links the
 * alarm, sets `eventType = other`, `dispatch = false`, no plan position for a photo) → review (user
 * task) → review result → `confirmed && dispatch` → the pack's `safety-dispatch`, `confirmed` →
 * `safety-hazard` (call activities with the inputs of a patrol route's review process, cameras/patrolBpmn) → end.
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
   <sequenceFlow id="f4" sourceRef="recordReview" targetRef="isTrue"/>
   <exclusiveGateway id="isTrue" default="falseAlarm"/>
   <sequenceFlow id="dispatchAlarm" sourceRef="isTrue" targetRef="dispatch"><conditionExpression>\${confirmed &amp;&amp; dispatch}</conditionExpression></sequenceFlow>
   <sequenceFlow id="trueAlarm" sourceRef="isTrue" targetRef="hazard"><conditionExpression>\${confirmed}</conditionExpression></sequenceFlow>
   <sequenceFlow id="falseAlarm" sourceRef="isTrue" targetRef="end"/>
   <callActivity id="dispatch" name="启动指挥调度" calledElement="safety-dispatch">
     <extensionElements>
       <camunda:in source="hazardTitle" target="title"/>
       <camunda:in sourceExpression="alarm" target="source"/>
       <camunda:in source="alarmId" target="sourceRef"/>
       <camunda:in source="eventType" target="eventType"/>
       <camunda:in source="locationX" target="locationX"/>
       <camunda:in source="locationY" target="locationY"/>
       <camunda:in source="reviewer" target="initiator"/>
     </extensionElements>
   </callActivity>
   <sequenceFlow id="f6" sourceRef="dispatch" targetRef="end"/>
   <callActivity id="hazard" name="隐患整改" calledElement="safety-hazard">
     <extensionElements>
       <camunda:in source="hazardTitle" target="title"/>
       <camunda:in sourceExpression="\${'12'}" target="source"/>
       <camunda:in sourceExpression="\${'ai-alarm'}" target="origin"/>
       <camunda:in source="alarmId" target="originId"/>
       <camunda:in source="hazardPhotos" target="photos"/>
       <camunda:in source="suggestedGrade" target="suggestedGrade"/>
       <camunda:in source="mgmtClass" target="mgmtClass"/>
       <camunda:in source="reviewer" target="reporter"/>
     </extensionElements>
   </callActivity>
   <sequenceFlow id="f5" sourceRef="hazard" targetRef="end"/>
   <endEvent id="end"/>`,
);

