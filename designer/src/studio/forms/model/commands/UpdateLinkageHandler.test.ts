import { describe, expect, it } from 'vitest';
import type { LinkageRule } from '@safeflow/engine/forms';
import { snapshot, testDesigner } from '../designerFixture';

describe('linkage.update', () => {
  it('replaces the rules with a copy', () => {
    // given
    const d = testDesigner();
    const a = d.insert('Radio.Group');
    const b = d.insert('InputNumber');
    const rules: LinkageRule[] = [{ when: { all: [{ field: a[0]!, op: 'eq', value: 'option1' }] }, then: [{ target: b[0]!, set: { display: 'visible', required: true } }] }];
    // when
    d.setLinkage(rules);
    rules[0]!.then[0]!.target = 'changed';
    // then
    expect(d.state.linkage[0]!.then[0]!.target).toBe(b[0]);
  });

  it('refuses rules the engine schema rejects', () => {
    // given
    const d = testDesigner();
    // when / then
    expect(() => d.setLinkage([{ when: { all: [] }, then: [] } as unknown as LinkageRule])).toThrow(expect.objectContaining({ code: 'designer.invalid_linkage' }));
  });

  it('undo restores the previous rules', () => {
    // given
    const d = testDesigner();
    const a = d.insert('Switch');
    const b = d.insert('Input');
    d.setLinkage([{ when: { all: [{ field: a[0]!, op: 'eq', value: true }] }, then: [{ target: b[0]!, set: { required: true } }] }]);
    const before = snapshot(d);
    // when
    d.setLinkage([]);
    d.undo();
    // then
    expect(snapshot(d)).toEqual(before);
  });
});
