import { describe, expect, it } from 'vitest';
import { testDesigner } from './designerFixture';
import { outlineMove } from './outlineDrop';
import { childNames, nodeAt } from './schemaNodes';

describe('outlineMove', () => {
  it('a drop on the upper half of a row puts the node before it; on the lower half after it (same container, both directions)', () => {
    // given
    const d = testDesigner();
    const [a, b, c] = [d.insert('Input'), d.insert('InputNumber'), d.insert('Switch')];
    // when: c before a, then c after b
    const m1 = outlineMove(d.ctx, c, a, 'before')!;
    d.move(c, m1.newParent, m1.index);
    const order1 = childNames(d.state.schema);
    const m2 = outlineMove(d.ctx, c, b, 'after')!;
    d.move(c, m2.newParent, m2.index);
    // then
    expect(order1).toEqual([c[0], a[0], b[0]]);
    expect(childNames(d.state.schema)).toEqual([a[0], b[0], c[0]]);
  });

  it('a drop on the lower half of a card moves the field into it as its last child; undo brings it back', () => {
    // given
    const d = testDesigner();
    const a = d.insert('Input');
    const card = d.insert('Card');
    const inner = d.insert('InputNumber', card);
    // when
    const m = outlineMove(d.ctx, a, card, 'after')!;
    const moved = d.move(a, m.newParent, m.index);
    // then
    expect(m).toEqual({ newParent: card, index: 1 });
    expect(childNames(nodeAt(d.state.schema, card)!)).toEqual([inner[inner.length - 1], a[0]]);
    expect(moved).toEqual([...card, a[0]]);
    d.undo();
    expect(childNames(d.state.schema)).toEqual([a[0], card[0]]);
  });

  it('a drop on the upper half of a field inside a card moves the node into the card before it; a drop on itself is nothing', () => {
    // given
    const d = testDesigner();
    const card = d.insert('Card');
    const inner = d.insert('InputNumber', card);
    const b = d.insert('Switch');
    // when
    const m = outlineMove(d.ctx, b, inner, 'before')!;
    d.move(b, m.newParent, m.index);
    // then
    expect(childNames(nodeAt(d.state.schema, card)!)).toEqual([b[0], inner[inner.length - 1]]);
    expect(outlineMove(d.ctx, card, card, 'after')).toBeUndefined();
  });
});
