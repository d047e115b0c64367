import { describe, expect, it } from 'vitest';
import { CommandRefused } from '../CommandStack';
import { snapshot, testDesigner } from '../designerFixture';
import { childNames, nodeAt } from '../schemaNodes';

describe('field.insert', () => {
  it('inserts a palette component with a generated stable name, its snippet and default props', () => {
    // given
    const d = testDesigner();
    // when
    const path = d.insert('Photo');
    // then
    expect(path).toEqual(['photo_0001']);
    expect(nodeAt(d.state.schema, path)).toMatchObject({ type: 'array', 'x-component': 'Photo', 'x-decorator': 'FormItem', 'x-index': 0, 'x-component-props': { maxCount: 9, maxSizeKb: 10240 } });
  });

  it('inserts at an index and into a card; rows of a list go before the remove button', () => {
    // given
    const d = testDesigner();
    const a = d.insert('Input');
    const b = d.insert('InputNumber');
    const card = d.insert('Card');
    const list = d.insert('ArrayItems');
    // when
    const first = d.insert('Switch', [], 0);
    const inCard = d.insert('Input', card);
    const inRow = d.insert('Input', [...list, '*']);
    // then
    expect(childNames(d.state.schema)).toEqual([first[0], a[0], b[0], card[0], list[0]]);
    expect(childNames(nodeAt(d.state.schema, card)!)).toEqual([inCard[1]]);
    expect(childNames(nodeAt(d.state.schema, [...list, '*'])!)).toEqual([inRow[2], 'remove']);
    expect(Object.values(d.state.schema.properties!).map((p) => p['x-index'])).toEqual([0, 1, 2, 3, 4]);
  });

  it('wraps a field dropped into a table row in a column titled like the field', () => {
    // given
    const d = testDesigner();
    const table = d.insert('ArrayTable');
    // when
    const path = d.insert('InputNumber', [...table, '*']);
    // then
    expect(path).toHaveLength(4);
    const column = nodeAt(d.state.schema, path.slice(0, 3))!;
    expect(column).toMatchObject({ type: 'void', 'x-component': 'ArrayTable.Column', 'x-component-props': { title: '数字' } });
    expect(childNames(nodeAt(d.state.schema, [...table, '*'])!)).toEqual([path[2], 'colRemove']);
  });

  it('refuses a drop into a leaf field', () => {
    // given
    const d = testDesigner();
    const input = d.insert('Input');
    // when / then
    expect(() => d.insert('Input', input)).toThrow(CommandRefused);
    expect(d.stack.depth).toBe(1);
  });

  it('undo removes the field, redo brings it back with the same name', () => {
    // given
    const d = testDesigner();
    d.insert('Input');
    const before = snapshot(d);
    const path = d.insert('Radio.Group', [], 0);
    const after = snapshot(d);
    // when
    d.undo();
    // then
    expect(snapshot(d)).toEqual(before);
    d.redo();
    expect(snapshot(d)).toEqual(after);
    expect(nodeAt(d.state.schema, path)).toBeDefined();
  });
});
