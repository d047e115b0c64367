import type { PatchClass } from '@safeflow/plugin-ai-detect';
import { bpmn } from '../../engine/testing/bpmn';

/** The colour-patch PPE classes the AI tests import: red = person (32-stride cells), green = helmet (16-stride). */
export const PPE_CLASSES: PatchClass[] = [
  { label: 'person', colour: 'red', stride: 32 },
  { label: 'safehat', colour: 'green', stride: 16 },
];

/**
 * A minimal AI patrol `id`: ai-detect (model `ppe`, rule `no-helmet`, frames from `source`) → an
 * alarm? → review user task (safetyOfficer) → ai-alarm-review → end.
 */
export const detectReviewBpmn = (id: string, source: 'camera' | 'photo') =>
  bpmn(
    id,
    `<startEvent id="start"/><sequenceFlow id="f1" sourceRef="start" targetRef="detect"/>
     <serviceTask id="detect" camunda:type="external" camunda:topic="ai-detect">
       <extensionElements><camunda:properties>
         <camunda:property name="model" value="ppe"/><camunda:property name="rule" value="no-helmet"/><camunda:property name="source" value="${source}"/>
       </camunda:properties></extensionElements>
     </serviceTask>
     <sequenceFlow id="f2" sourceRef="detect" targetRef="gw"/>
     <exclusiveGateway id="gw" default="no"/>
     <sequenceFlow id="yes" sourceRef="gw" targetRef="review"><conditionExpression>\${alarm}</conditionExpression></sequenceFlow>
     <sequenceFlow id="no" sourceRef="gw" targetRef="end"/>
     <userTask id="review" camunda:candidateGroups="safetyOfficer"/>
     <sequenceFlow id="f3" sourceRef="review" targetRef="result"/>
     <serviceTask id="result" camunda:type="external" camunda:topic="ai-alarm-review"/>
     <sequenceFlow id="f4" sourceRef="result" targetRef="end"/><endEvent id="end"/>`,
  );
