import { bpmn } from './bpmn';

/** work (external, topic) with an error boundary `HAZARD` → handle (external, topic `handle`); normal path → end. */
export const withErrorBoundary = (id: string, topic: string) =>
  bpmn(
    id,
    `<startEvent id="start"/>
     <sequenceFlow id="f1" sourceRef="start" targetRef="work"/>
     <serviceTask id="work" camunda:type="external" camunda:topic="${topic}"/>
     <boundaryEvent id="onError" attachedToRef="work"><errorEventDefinition errorRef="err"/></boundaryEvent>
     <sequenceFlow id="f2" sourceRef="work" targetRef="end"/>
     <endEvent id="end"/>
     <sequenceFlow id="f3" sourceRef="onError" targetRef="handle"/>
     <serviceTask id="handle" camunda:type="external" camunda:topic="${topic}-handle"/>
     <sequenceFlow id="f4" sourceRef="handle" targetRef="errorEnd"/>
     <endEvent id="errorEnd"/>`,
    `<error id="err" errorCode="HAZARD"/>`,
  );

/** work (external) → exclusive gateway whose only flow needs `ok == true` → end. Completing without `ok` fails the continuation. */
export const gatewayAfterTask = (id: string, topic: string) =>
  bpmn(
    id,
    `<startEvent id="start"/>
     <sequenceFlow id="f1" sourceRef="start" targetRef="work"/>
     <serviceTask id="work" camunda:type="external" camunda:topic="${topic}"/>
     <sequenceFlow id="f2" sourceRef="work" targetRef="gw"/>
     <exclusiveGateway id="gw"/>
     <sequenceFlow id="f3" sourceRef="gw" targetRef="end"><conditionExpression xsi:type="tFormalExpression">\${ok == true}</conditionExpression></sequenceFlow>
     <endEvent id="end"/>`,
  );
