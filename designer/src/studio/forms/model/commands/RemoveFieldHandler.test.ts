import { describe, expect, it } from 'vitest';
import { snapshot, testDesigner } from '../designerFixture';
import { childNames, nodeAt } from '../schemaNodes';

const published = {
  type: 'object',
  properties: {
    card: { type: 'void', 'x-component': 'Card', properties: { hasFire: { type: 'string', 'x-component': 'Radio.Group', 'x-decorator': 'FormItem' } } },
    note: { type: 'string', 'x-component': 'Input', 'x-decorator': 'FormItem' },
  },
};

describe('field.remove', () => {
  it('deletes a field that was never published', () => {
    // given
    const d = testDesigner();
    const a = d.insert('Input');
    const b = d.insert('Switch');
    // when
    const mode = d.remove(a);
    // then
    expect(mode).toBe('delete');
    expect(childNames(d.state.schema)).toEqual([b[0]]);
    expect(nodeAt(d.state.schema, b)!['x-index']).toBe(0);
  });

  it('deprecates (hides) a published field, and a container holding one, instead of deleting', () => {
    // given
    const d = testDesigner(published, published);
    // when
    const noteMode = d.remove(['note']);
    const cardMode = d.remove(['card']);
    // then
    expect([noteMode, cardMode]).toEqual(['deprecate', 'deprecate']);
    expect(nodeAt(d.state.schema, ['note'])).toMatchObject({ 'x-display': 'hidden', 'x-deprecated': true });
    expect(nodeAt(d.state.schema, ['card'])).toMatchObject({ 'x-display': 'hidden', 'x-deprecated': true });
  });

  it('refuses to remove an array helper', () => {
    // given
    const d = testDesigner();
    const list = d.insert('ArrayItems');
    // when / then
    expect(() => d.remove([...list, 'add'])).toThrow(expect.objectContaining({ code: 'designer.helper' }));
  });

  it('undo restores a deleted field at its place and un-deprecates a published one', () => {
    // given
    const d = testDesigner(published, published);
    const added = d.insert('Input', [], 0);
    const before = snapshot(d);
    // when
    d.remove(added);
    d.remove(['note']);
    d.undo();
    d.undo();
    // then
    expect(snapshot(d)).toEqual(before);
    expect(nodeAt(d.state.schema, ['note'])!['x-deprecated']).toBeUndefined();
  });
});
