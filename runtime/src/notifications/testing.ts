import { bpmn } from '../engine/testing/bpmn';

/**
 * A process for notification tests: in parallel, a task assigned to
 * `${assignee}`, a task offered to safety officers due in 2 hours, and an
 * escalation task (`notify.kind = escalation`) offered to enterprise owners.
 */
export const notifyDemoBpmn = bpmn(
  'notifyDemo',
  `<startEvent id="start"/>
   <sequenceFlow id="f0" sourceRef="start" targetRef="fork"/>
   <parallelGateway id="fork"/>
   <sequenceFlow id="f1" sourceRef="fork" targetRef="mine"/>
   <sequenceFlow id="f2" sourceRef="fork" targetRef="offered"/>
   <sequenceFlow id="f3" sourceRef="fork" targetRef="escalated"/>
   <userTask id="mine" name="Fill in the checklist" camunda:assignee="\${assignee}"/>
   <userTask id="offered" name="Inspect the warehouse" camunda:candidateGroups="safetyOfficer" camunda:dueDate="PT2H"/>
   <userTask id="escalated" name="Supervise the overdue hazard" camunda:candidateGroups="enterpriseOwner">
     <extensionElements><camunda:properties><camunda:property name="notify.kind" value="escalation"/></camunda:properties></extensionElements>
   </userTask>
   <sequenceFlow id="f4" sourceRef="mine" targetRef="join"/>
   <sequenceFlow id="f5" sourceRef="offered" targetRef="join"/>
   <sequenceFlow id="f6" sourceRef="escalated" targetRef="join"/>
   <parallelGateway id="join"/>
   <sequenceFlow id="f7" sourceRef="join" targetRef="end"/>
   <endEvent id="end"/>`,
);
