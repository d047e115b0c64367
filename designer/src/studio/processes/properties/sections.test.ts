// @vitest-environment happy-dom
import { BpmnModdle } from 'bpmn-moddle';
import camunda from 'camunda-bpmn-moddle/resources/camunda.json';
import { flushPromises, mount } from '@vue/test-utils';
import { ElFormItem, ElInput, ElSelect } from 'element-plus';
import { describe, expect, it } from 'vitest';
import { ref } from 'vue';
import { createI18n } from 'vue-i18n';
import zh from '@/i18n/messages/zh-CN/modeler';
import type { BusinessObject, DiagramElement } from '../bpmn/camundaProps';
import type { DefinitionSummary, TaskType } from '../processApi';
import ConditionSection from './ConditionSection.vue';
import ExternalTaskSection from './ExternalTaskSection.vue';
import { PANEL, type PanelContext } from './panelContext';

const XML = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t">
  <process id="p" isExecutable="true">
    <startEvent id="s"/><businessRuleTask id="grade" camunda:type="external" camunda:topic="rules"/><endEvent id="e"/>
    <sequenceFlow id="f1" sourceRef="s" targetRef="grade"/>
  </process>
</definitions>`;

const rulesType: TaskType = {
  topic: 'rules',
  name: { 'zh-CN': '规则判定', en: 'Rules' },
  configSchema: { type: 'object', required: ['ruleset'], properties: { ruleset: { type: 'string', title: 'Ruleset', 'x-safeflow-ref': 'ruleset' } } },
};
const ruleset = { key: 'safety.lec', name: 'LEC 定级', publishedVersion: 1 } as DefinitionSummary;

/** The panel's context over real moddle objects; each modeling call bumps `tick` as bpmn-js's elements.changed does. */
async function setup() {
  const moddle = new BpmnModdle({ camunda });
  const { rootElement, elementsById } = await moddle.fromXML(XML);
  const tick = ref(0);
  const set = (bo: BusinessObject, props: Record<string, unknown>) => {
    for (const [k, v] of Object.entries(props)) (bo as unknown as { set(k: string, v: unknown): void }).set(k, v);
    tick.value++;
  };
  const panel: PanelContext = {
    ctx: {
      modeling: { updateProperties: (el, p) => set(el.businessObject, p), updateModdleProperties: (_el, bo, p) => set(bo, p) },
      moddle: { create: (t, a) => moddle.create(t, a) as unknown as BusinessObject },
    },
    tick,
    forms: ref([]),
    rulesets: ref([ruleset]),
    collections: ref([]),
    roles: ref([]),
    taskTypes: ref([rulesType]),
    taskTypesFallback: ref(true),
  };
  const el = (id: string): DiagramElement => ({ id, type: 'x', businessObject: elementsById[id] as unknown as BusinessObject });
  const global = { plugins: [createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': { modeler: zh } } })], provide: { [PANEL as symbol]: panel } };
  return { el, global, xml: async () => (await moddle.toXML(rootElement)).xml };
}

describe('properties panel sections (happy-dom)', () => {
  it('renders the rules task type’s config form from its configSchema and writes the picked ruleset as a camunda:property', async () => {
    // given
    const { el, global, xml } = await setup();
    const wrapper = mount(ExternalTaskSection, { props: { element: el('grade') }, global });
    // then: the type's required ruleset field, and the fallback note
    expect(wrapper.text()).toContain('Ruleset');
    expect(wrapper.text()).toContain('内置任务类型');
    const picker = wrapper.findAllComponents(ElSelect).find((s) => s.attributes('data-test') === 'props-config-ruleset' || s.find('[data-test="props-config-ruleset"]').exists());
    expect(picker).toBeDefined();
    // when
    picker!.vm.$emit('update:modelValue', 'safety.lec');
    await flushPromises();
    // then
    expect(await xml()).toMatch(/<camunda:property name="ruleset" value="safety.lec" \/>/);
  });

  it('checks a condition live and writes it only when it is valid', async () => {
    // given
    const { el, global, xml } = await setup();
    const wrapper = mount(ConditionSection, { props: { element: el('f1') }, global });
    const input = wrapper.findComponent(ElInput);
    // when: an invalid expression
    input.vm.$emit('update:modelValue', '${riskLevel == }');
    await flushPromises();
    input.vm.$emit('blur');
    await flushPromises();
    // then: the form item carries the checker's message
    expect(String(wrapper.findComponent(ElFormItem).props('error'))).not.toBe('');
    expect(await xml()).not.toContain('conditionExpression');
    // when: a valid one
    input.vm.$emit('update:modelValue', '${riskLevel == "major"}');
    await flushPromises();
    input.vm.$emit('blur');
    await flushPromises();
    // then
    expect(wrapper.find('[data-test="condition-ok"]').exists()).toBe(true);
    expect(await xml()).toContain('${riskLevel == "major"}</conditionExpression>');
  });
});
