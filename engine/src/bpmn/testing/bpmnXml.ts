/** Wraps process content in `<definitions>` with the BPMN, camunda and xsi namespaces (test fixtures). */
export function bpmnXml(processBody: string, opts: { id?: string; roots?: string } = {}): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  targetNamespace="http://safeflow.test">
${opts.roots ?? ''}
  <process id="${opts.id ?? 'p'}" isExecutable="true">
${processBody}
  </process>
</definitions>`;
}
