import { bpmn } from '../../engine/testing/bpmn';

/** A small inspection form (tests of process definitions). */
export const inspectForm = {
  type: 'object',
  properties: {
    finding: { type: 'string', title: '检查结果', 'x-component': 'Input', required: true },
  },
};

/**
 * start → LEC grading (`rules`, ruleset `safety.lec`) → form-bound inspection
 * (`formRef`, default `safeflow:forms/inspect@latest`) → end. `taskName`
 * changes between versions in the tests.
 */
export function inspectionProcess(
  key: string,
  opts: { formRef?: string; ruleset?: string; taskName?: string; extra?: string } = {},
): string {
  return bpmn(
    key,
    `<startEvent id="start"/>
     <sequenceFlow id="f1" sourceRef="start" targetRef="grade"/>
     <businessRuleTask id="grade" name="LEC 定级" camunda:type="external" camunda:topic="rules">
       <extensionElements><camunda:properties><camunda:property name="ruleset" value="${opts.ruleset ?? 'safety.lec'}"/></camunda:properties></extensionElements>
     </businessRuleTask>
     <sequenceFlow id="f2" sourceRef="grade" targetRef="inspect"/>
     <userTask id="inspect" name="${opts.taskName ?? '现场检查'}" camunda:candidateGroups="safetyOfficer" camunda:formKey="${opts.formRef ?? 'safeflow:forms/inspect@latest'}"/>
     <sequenceFlow id="f3" sourceRef="inspect" targetRef="${opts.extra ? 'extra' : 'end'}"/>
     ${opts.extra ?? ''}
     ${opts.extra ? '<sequenceFlow id="f4" sourceRef="extra" targetRef="end"/>' : ''}
     <endEvent id="end"/>`,
  );
}
