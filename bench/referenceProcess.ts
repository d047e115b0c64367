/**
 * The benchmark's reference process: start → external task `score` →
 * exclusive gateway → user task → end. `referenceBpmn` is the Camunda 7
 * version SafeFlow runs; `referenceBpmnForBpmnEngine` is the same graph in the
 * form bpmn-engine executes natively (service function instead of an
 * external task, its own expression syntax).
 */
export const referenceBpmn = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="http://safeflow.dev/bench" id="bench">
  <process id="benchReference" name="Bench reference" isExecutable="true">
    <startEvent id="start" />
    <sequenceFlow id="f1" sourceRef="start" targetRef="score" />
    <serviceTask id="score" name="Score" camunda:type="external" camunda:topic="score" />
    <sequenceFlow id="f2" sourceRef="score" targetRef="gw" />
    <exclusiveGateway id="gw" default="f4" />
    <sequenceFlow id="f3" sourceRef="gw" targetRef="review">
      <conditionExpression xsi:type="tFormalExpression">\${score &gt; 70}</conditionExpression>
    </sequenceFlow>
    <sequenceFlow id="f4" sourceRef="gw" targetRef="review" />
    <userTask id="review" name="Review" camunda:candidateGroups="inspector" />
    <sequenceFlow id="f5" sourceRef="review" targetRef="end" />
    <endEvent id="end" />
  </process>
</definitions>`;

export const referenceBpmnForBpmnEngine = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="benchRaw">
  <process id="benchReference" isExecutable="true">
    <startEvent id="start" />
    <sequenceFlow id="f1" sourceRef="start" targetRef="score" />
    <serviceTask id="score" implementation="\${environment.services.score}" />
    <sequenceFlow id="f2" sourceRef="score" targetRef="gw" />
    <exclusiveGateway id="gw" default="f4" />
    <sequenceFlow id="f3" sourceRef="gw" targetRef="review">
      <conditionExpression xsi:type="tFormalExpression">\${environment.services.isHigh()}</conditionExpression>
    </sequenceFlow>
    <sequenceFlow id="f4" sourceRef="gw" targetRef="review" />
    <userTask id="review" />
    <sequenceFlow id="f5" sourceRef="review" targetRef="end" />
    <endEvent id="end" />
  </process>
</definitions>`;
