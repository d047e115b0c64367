import { describe, expect, it } from 'vitest';
import { snapshot, testDesigner } from '../designerFixture';
import { childNames } from '../schemaNodes';

const stored = {
  type: 'object',
  properties: {
    hasFire: { type: 'string', 'x-component': 'Radio.Group', 'x-decorator': 'FormItem', enum: ['yes', 'no'] },
    count: { type: 'number', 'x-component': 'InputNumber', 'x-decorator': 'FormItem' },
  },
};

describe('document.import', () => {
  it('replaces the document and numbers x-index', () => {
    // given
    const d = testDesigner();
    d.insert('Input');
    // when
    d.importSchema(stored);
    // then
    expect(childNames(d.state.schema)).toEqual(['hasFire', 'count']);
    expect(d.state.schema.properties!.count!['x-index']).toBe(1);
  });

  it('refuses JSON that is not an object schema', () => {
    // given
    const d = testDesigner();
    // when / then
    expect(() => d.importSchema([1, 2])).toThrow(expect.objectContaining({ code: 'designer.import_not_object' }));
    expect(() => d.importSchema({ type: 'string' })).toThrow(expect.objectContaining({ code: 'designer.import_not_object' }));
  });

  it('reads linkage back from an exported schema (round trip) and warns about unreadable linkage data', () => {
    // given
    const d = testDesigner();
    d.importSchema(stored);
    d.setLinkage([{ when: { all: [{ field: 'hasFire', op: 'eq', value: 'yes' }] }, then: [{ target: 'count', set: { display: 'visible', required: true } }] }]);
    const exported = d.exportSchema();
    const other = testDesigner();
    // when
    other.importSchema(exported);
    const warnings = other.importSchema({ ...stored, 'x-designer': { linkage: 'nope' } });
    // then
    expect(other.stack.depth).toBe(2);
    other.undo();
    expect(snapshot(other)).toEqual(snapshot(d));
    expect(warnings).toEqual(['designer.linkage_unreadable']);
  });

  it('undo restores the previous document', () => {
    // given
    const d = testDesigner();
    d.insert('Input');
    const before = snapshot(d);
    // when
    d.importSchema(stored);
    d.undo();
    // then
    expect(snapshot(d)).toEqual(before);
  });
});
