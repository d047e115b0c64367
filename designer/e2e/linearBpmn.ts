/** One element of a linear test process. */
export interface LinearStep {
  id: string;
  tag: 'startEvent' | 'userTask' | 'serviceTask' | 'endEvent';
  /** Extra attributes (name, camunda:*). */
  attrs?: string;
  /** Child XML (extensionElements). */
  inner?: string;
}

/**
 * A Camunda 7 BPMN document of steps in a row, WITH diagram interchange
 * (shapes and edges), as the modeler would save it, so bpmn-js can draw it.
 */
export function linearBpmn(processId: string, steps: LinearStep[]): string {
  const size = (s: LinearStep) => (s.tag.endsWith('Event') ? { w: 36, h: 36 } : { w: 100, h: 80 });
  const xs: number[] = [];
  let x = 40;
  for (const s of steps) {
    xs.push(x);
    x += size(s).w + 50;
  }
  const mid = 120;
  const elements = steps.map((s) => `<${s.tag} id="${s.id}" ${s.attrs ?? ''}>${s.inner ?? ''}</${s.tag}>`).join('\n    ');
  const flows = steps.slice(1).map((s, i) => `<sequenceFlow id="flow${i + 1}" sourceRef="${steps[i]!.id}" targetRef="${s.id}"/>`).join('\n    ');
  const shapes = steps
    .map((s, i) => {
      const { w, h } = size(s);
      return `<bpmndi:BPMNShape id="${s.id}_di" bpmnElement="${s.id}"><dc:Bounds x="${xs[i]}" y="${mid - h / 2}" width="${w}" height="${h}"/></bpmndi:BPMNShape>`;
    })
    .join('\n      ');
  const edges = steps
    .slice(1)
    .map((s, i) => {
      const from = xs[i]! + size(steps[i]!).w;
      return `<bpmndi:BPMNEdge id="flow${i + 1}_di" bpmnElement="flow${i + 1}"><di:waypoint x="${from}" y="${mid}"/><di:waypoint x="${xs[i + 1]}" y="${mid}"/></bpmndi:BPMNEdge>`;
    })
    .join('\n      ');
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
  xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
  xmlns:di="http://www.omg.org/spec/DD/20100524/DI" id="defs_${processId}" targetNamespace="http://safeflow.test">
  <process id="${processId}" isExecutable="true">
    ${elements}
    ${flows}
  </process>
  <bpmndi:BPMNDiagram id="diagram_${processId}">
    <bpmndi:BPMNPlane id="plane_${processId}" bpmnElement="${processId}">
      ${shapes}
      ${edges}
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</definitions>`;
}
