// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { i18n } from '@/i18n';
import { childNames } from '../model/schemaNodes';
import { testSession } from '../sessionFixture';
import { COMPONENT_MIME, NODE_MIME } from './dropTarget';
import CanvasChildren from './CanvasChildren.vue';

function drop(el: Element, type: string, data: string) {
  const dataTransfer = new DataTransfer();
  dataTransfer.setData(type, data);
  const event = new DragEvent('drop', { bubbles: true, cancelable: true });
  Object.defineProperty(event, 'dataTransfer', { value: dataTransfer });
  el.dispatchEvent(event);
}

describe('canvas drop zones', () => {
  it('inserts a dropped palette component at the zone, and moves a dropped node', async () => {
    // given
    const session = testSession();
    const a = session.designer.insert('Input');
    const b = session.designer.insert('Switch');
    const wrapper = mount(CanvasChildren, { props: { session, parent: [], droppable: true }, global: { plugins: [i18n] }, attachTo: document.body });
    const zones = () => wrapper.findAll('[data-test="drop-zone"]');
    expect(zones()).toHaveLength(3);
    // when: a component dropped on the first zone
    drop(zones()[0]!.element, COMPONENT_MIME, 'Photo');
    await wrapper.vm.$nextTick();
    // then
    const names = childNames(session.designer.state.schema);
    expect(names[0]).toMatch(/^photo_/);
    expect(session.selected.value).toEqual([names[0]]);
    // when: the first text field dropped on the last zone
    drop(zones()[zones().length - 1]!.element, NODE_MIME, JSON.stringify(a));
    await wrapper.vm.$nextTick();
    // then
    expect(childNames(session.designer.state.schema)).toEqual([names[0], b[0], a[0]]);
    wrapper.unmount();
  });
});
