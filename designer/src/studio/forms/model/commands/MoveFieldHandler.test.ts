import { describe, expect, it } from 'vitest';
import { CommandRefused } from '../CommandStack';
import { snapshot, testDesigner } from '../designerFixture';
import { childNames, nodeAt } from '../schemaNodes';

describe('field.move', () => {
  it('reorders within a container', () => {
    // given
    const d = testDesigner();
    const [a, b, c] = [d.insert('Input'), d.insert('InputNumber'), d.insert('Switch')];
    // when
    d.move(c, [], 0);
    // then
    expect(childNames(d.state.schema)).toEqual([c[0], a[0], b[0]]);
    expect(nodeAt(d.state.schema, c)!['x-index']).toBe(0);
  });

  it('reparents into a card and into a list row, keeping the node', () => {
    // given
    const d = testDesigner();
    const a = d.insert('Input');
    const b = d.insert('InputNumber');
    const card = d.insert('Card');
    const list = d.insert('ArrayItems');
    const nodeA = nodeAt(d.state.schema, a);
    // when
    const inCard = d.move(a, card, 0);
    const inRow = d.move(b, [...list, '*'], 0);
    // then
    expect(nodeAt(d.state.schema, inCard)).toBe(nodeA);
    expect(childNames(d.state.schema)).toEqual([card[0], list[0]]);
    expect(inRow).toEqual([...list, '*', b[0]]);
    expect(childNames(nodeAt(d.state.schema, [...list, '*'])!)).toEqual([b[0], 'remove']);
  });

  it('refuses moving a container into itself, a helper, and a field into a table row', () => {
    // given
    const d = testDesigner();
    const card = d.insert('Card');
    const inner = d.insert('Card', card);
    const list = d.insert('ArrayItems');
    const table = d.insert('ArrayTable');
    const input = d.insert('Input');
    // when / then
    expect(() => d.move(card, inner, 0)).toThrow(expect.objectContaining({ code: 'designer.move_into_self' }));
    expect(() => d.move([...list, '*', 'remove'], [], 0)).toThrow(expect.objectContaining({ code: 'designer.helper' }));
    expect(() => d.move(input, [...table, '*'], 0)).toThrow(CommandRefused);
  });

  it('undo puts the node back where it was (same order, same indexes)', () => {
    // given
    const d = testDesigner();
    d.insert('Input');
    const b = d.insert('InputNumber');
    const card = d.insert('Card');
    d.insert('Switch', card);
    const before = snapshot(d);
    // when
    d.move(b, card, 1);
    const after = snapshot(d);
    d.undo();
    // then
    expect(snapshot(d)).toEqual(before);
    d.redo();
    expect(snapshot(d)).toEqual(after);
  });
});
