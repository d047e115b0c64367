// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { i18n } from '@/i18n';
import { nodeAt } from '../model/schemaNodes';
import { testSession } from '../sessionFixture';
import ValidationTab from './ValidationTab.vue';

describe('ValidationTab', () => {
  it('offers the rules of the component and applies them as one command', async () => {
    // given
    const session = testSession();
    const path = session.designer.insert('Input');
    const wrapper = mount(ValidationTab, { props: { session, path }, global: { plugins: [i18n] }, attachTo: document.body });
    expect(wrapper.find('[data-test="rule-pattern"]').exists()).toBe(true);
    expect(wrapper.find('[data-test="rule-minimum"]').exists()).toBe(false);
    // when
    await wrapper.find('[data-test="rule-required"]').trigger('click');
    const pattern = wrapper.find('[data-test="rule-pattern"] input, input[data-test="rule-pattern"]');
    await pattern.setValue('^[0-9]{6}$');
    await wrapper.find('[data-test="rule-apply"]').trigger('click');
    await flushPromises();
    // then
    expect(nodeAt(session.designer.state.schema, path)).toMatchObject({ required: true, pattern: '^[0-9]{6}$' });
    wrapper.unmount();
  });

  it('shows an unsafe pattern in words and keeps apply disabled', async () => {
    // given
    const session = testSession();
    const path = session.designer.insert('Input');
    const wrapper = mount(ValidationTab, { props: { session, path }, global: { plugins: [i18n] }, attachTo: document.body });
    // when
    await wrapper.find('[data-test="rule-pattern"] input, input[data-test="rule-pattern"]').setValue('(a+)+$');
    await flushPromises();
    // then
    expect(wrapper.text()).toContain('嵌套量词');
    expect(wrapper.find('[data-test="rule-apply"]').attributes('disabled')).toBeDefined();
    expect(session.designer.stack.depth).toBe(1);
    wrapper.unmount();
  });
});
