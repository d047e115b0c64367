import { describe, expect, it } from 'vitest';
import { testDesigner } from './designerFixture';
import { linkageUsages } from './lintDesign';

describe('lintDesign', () => {
  it('warns about an empty form', () => {
    // when
    const issues = testDesigner().lint();
    // then
    expect(issues.map((i) => i.code)).toEqual(['designer.empty']);
  });

  it('reports linkage rules whose fields were removed (error) or deprecated (warning)', () => {
    // given
    const published = { type: 'object', properties: { a: { type: 'string', 'x-component': 'Input', 'x-decorator': 'FormItem' }, b: { type: 'string', 'x-component': 'Input', 'x-decorator': 'FormItem' } } };
    const d = testDesigner(published, published);
    const c = d.insert('Switch');
    d.setLinkage([
      { when: { all: [{ field: c[0]!, op: 'eq', value: true }] }, then: [{ target: 'a', set: { required: true } }] },
      { when: { all: [{ field: 'b', op: 'notEmpty' }] }, then: [{ target: 'a', set: { pattern: 'readOnly' } }] },
    ]);
    expect(linkageUsages(d.state.linkage, c[0]!)).toEqual([0]);
    // when
    d.remove(c);
    d.remove(['b']);
    const issues = d.lint();
    // then
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ severity: 'error', code: 'designer.linkage_field_missing', rule: 0 }),
        expect.objectContaining({ severity: 'warning', code: 'designer.linkage_field_deprecated', rule: 1 }),
      ]),
    );
  });

  it('passes on engine lint findings with their JSON path, and reports fields sharing a data path', () => {
    // given
    const d = testDesigner({
      type: 'object',
      properties: {
        g1: { type: 'void', 'x-component': 'Card', properties: { x: { type: 'string', 'x-component': 'Input', title: '{{ process.env }}' } } },
        g2: { type: 'void', 'x-component': 'Card', properties: { x: { type: 'string', 'x-component': 'Nope' } } },
      },
    });
    // when
    const issues = d.lint();
    // then
    expect(issues.some((i) => i.path === 'properties.g1.properties.x.title' && i.severity === 'error')).toBe(true);
    expect(issues.some((i) => i.code === 'form.unknown_component')).toBe(true);
    expect(issues.some((i) => i.code === 'designer.duplicate_path' && i.path === 'x')).toBe(true);
  });
});
