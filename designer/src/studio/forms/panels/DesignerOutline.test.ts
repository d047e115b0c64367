// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { i18n } from '@/i18n';
import { childNames, nodeAt } from '../model/schemaNodes';
import { testSession } from '../sessionFixture';
import DesignerOutline from './DesignerOutline.vue';

describe('DesignerOutline', () => {
  it('dragging a row onto a card moves the field into it (one undoable command) and selects it there', async () => {
    // given
    const session = testSession();
    const a = session.designer.insert('Input');
    const card = session.designer.insert('Card');
    const inner = session.designer.insert('InputNumber', card);
    session.tick.value++;
    const wrapper = mount(DesignerOutline, { props: { session }, global: { plugins: [i18n] }, attachTo: document.body });
    await flushPromises();
    // when: the input's row dropped on the lower half of the card's row (happy-dom rows have no height: the lower half)
    await wrapper.find(`[data-test="outline-${a[0]}"]`).trigger('dragstart');
    await wrapper.find(`[data-test="outline-${card[0]}"]`).trigger('dragover', { clientY: 1 });
    await wrapper.find(`[data-test="outline-${card[0]}"]`).trigger('drop', { clientY: 1 });
    await flushPromises();
    // then
    expect(childNames(session.designer.state.schema)).toEqual([card[0]]);
    expect(childNames(nodeAt(session.designer.state.schema, card)!)).toEqual([inner[inner.length - 1], a[0]]);
    expect(session.selected.value).toEqual([...card, a[0]]);
    session.designer.undo();
    expect(childNames(session.designer.state.schema)).toEqual([a[0], card[0]]);
    wrapper.unmount();
  });
});
