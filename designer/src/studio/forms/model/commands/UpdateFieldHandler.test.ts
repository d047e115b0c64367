import { describe, expect, it } from 'vitest';
import { snapshot, testDesigner } from '../designerFixture';
import { nodeAt } from '../schemaNodes';

describe('field.update', () => {
  it('sets and deletes keys of one node', () => {
    // given
    const d = testDesigner();
    const f = d.insert('Select');
    // when
    d.update(f, { title: '隐患等级', enum: [{ label: '一般', value: 'general' }, { label: '重大', value: 'major' }], 'x-decorator': undefined });
    // then
    expect(nodeAt(d.state.schema, f)).toMatchObject({ title: '隐患等级', enum: [{ value: 'general' }, { value: 'major' }] });
    expect(nodeAt(d.state.schema, f)!['x-decorator']).toBeUndefined();
  });

  it('records no command when nothing changes', () => {
    // given
    const d = testDesigner();
    const f = d.insert('Input');
    d.update(f, { title: '名称' });
    // when
    d.update(f, { title: '名称' });
    // then
    expect(d.stack.depth).toBe(2);
  });

  it('refuses structural keys', () => {
    // given
    const d = testDesigner();
    const f = d.insert('Input');
    // when / then
    expect(() => d.update(f, { properties: {} })).toThrow(expect.objectContaining({ code: 'designer.structural_key' }));
  });

  it('undo restores old values, including keys that did not exist', () => {
    // given
    const d = testDesigner();
    const f = d.insert('InputNumber');
    const before = snapshot(d);
    // when
    d.update(f, { title: '整改资金', description: '元', 'x-component-props': { min: 0, precision: 2 } });
    d.undo();
    // then
    expect(snapshot(d)).toEqual(before);
  });
});
