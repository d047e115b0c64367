/** Wraps process elements in a Camunda 7 BPMN document (test fixtures). */
export function bpmn(id: string, body: string, roots = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" targetNamespace="http://safeflow.test">
${roots}
  <process id="${id}" isExecutable="true">
${body}
  </process>
</definitions>`;
}

/** start → external task (topic) → end. */
export const oneExternalTask = (id: string, topic: string, extra = '') =>
  bpmn(
    id,
    `<startEvent id="start"/>
     <sequenceFlow id="f1" sourceRef="start" targetRef="work"/>
     <serviceTask id="work" name="Work" camunda:type="external" camunda:topic="${topic}" ${extra}/>
     <sequenceFlow id="f2" sourceRef="work" targetRef="end"/>
     <endEvent id="end"/>`,
  );
