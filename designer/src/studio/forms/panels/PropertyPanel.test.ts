// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { i18n } from '@/i18n';
import { nodeAt } from '../model/schemaNodes';
import { testSession } from '../sessionFixture';
import PropertyPanel from './PropertyPanel.vue';

function mountPanel(session: ReturnType<typeof testSession>, path: readonly string[]) {
  return mount(PropertyPanel, { props: { session, path }, global: { plugins: [i18n] }, attachTo: document.body });
}

describe('PropertyPanel', () => {
  it('generates rows from the Photo property schema and writes an edited number as one undoable command', async () => {
    // given
    const session = testSession();
    const path = session.designer.insert('Photo');
    const wrapper = mountPanel(session, path);
    // then: rows from the property schema, titled in zh-CN
    expect(wrapper.find('[data-test="prop-maxCount"]').text()).toContain('最多张数');
    expect(wrapper.find('[data-test="prop-stamp.time"]').exists()).toBe(true);
    // when
    const input = wrapper.find('[data-test="prop-maxCount"] input');
    await input.setValue('5');
    await input.trigger('change');
    await flushPromises();
    // then
    expect((nodeAt(session.designer.state.schema, path)!['x-component-props'] as Record<string, unknown>).maxCount).toBe(5);
    session.designer.undo();
    expect((nodeAt(session.designer.state.schema, path)!['x-component-props'] as Record<string, unknown>).maxCount).toBe(9);
    wrapper.unmount();
  });

  it('sets the title, and switches a nested boolean prop off explicitly', async () => {
    // given
    const session = testSession();
    const path = session.designer.insert('Photo');
    const wrapper = mountPanel(session, path);
    // when
    const title = wrapper.find('[data-test="prop-title"] input');
    await title.setValue('隐患照片');
    await title.trigger('change');
    await wrapper.find('[data-test="prop-stamp.time"] .el-switch').trigger('click');
    await flushPromises();
    // then
    const node = nodeAt(session.designer.state.schema, path)!;
    expect(node.title).toBe('隐患照片');
    expect((node['x-component-props'] as { stamp: Record<string, unknown> }).stamp).toEqual({ time: false, location: true });
    expect(session.designer.stack.depth).toBe(3);
    wrapper.unmount();
  });

  it('edits the options of a choice field with the options editor', async () => {
    // given
    const session = testSession();
    const path = session.designer.insert('Radio.Group');
    const wrapper = mountPanel(session, path);
    // when
    await wrapper.find('[data-test="option-add"]').trigger('click');
    const label = wrapper.find('[data-test="option-0"] input');
    await label.setValue('是');
    await label.trigger('change');
    await flushPromises();
    // then
    expect(nodeAt(session.designer.state.schema, path)!.enum).toEqual([
      { label: '是', value: 'option1' },
      { label: '选项二', value: 'option2' },
      { label: '选项3', value: 'option3' },
    ]);
    wrapper.unmount();
  });

  it('sets the English title next to the zh-CN one, as one undoable command', async () => {
    // given
    const session = testSession();
    const path = session.designer.insert('Input');
    const wrapper = mountPanel(session, path);
    // when
    const en = wrapper.find('[data-test="prop-title-en"] input');
    await en.setValue('Inspected area');
    await en.trigger('change');
    await flushPromises();
    // then
    expect(nodeAt(session.designer.state.schema, path)!['x-title-en']).toBe('Inspected area');
    session.designer.undo();
    expect(nodeAt(session.designer.state.schema, path)!['x-title-en']).toBeUndefined();
    wrapper.unmount();
  });
});
