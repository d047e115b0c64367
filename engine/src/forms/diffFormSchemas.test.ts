import { describe, expect, it } from 'vitest';
import { diffFormSchemas } from './diffFormSchemas';
import type { FormSchema } from './FormSchema';

const v1: FormSchema = {
  type: 'object',
  properties: {
    basic: {
      type: 'void',
      'x-component': 'Card',
      properties: {
        hasFire: { type: 'string', title: '是否动火', 'x-component': 'Radio.Group', enum: ['yes', 'no'] },
        note: { type: 'string', title: '备注', 'x-component': 'Input' },
      },
    },
    rows: {
      type: 'array',
      'x-component': 'ArrayTable',
      items: { type: 'object', properties: { qty: { type: 'number', 'x-component': 'InputNumber' } } },
    },
  },
};

describe('diffFormSchemas', () => {
  it('reports nothing for identical schemas, whatever the key order', () => {
    // given
    const reordered = JSON.parse(JSON.stringify(v1, Object.keys(v1).reverse())) as FormSchema;
    // then
    expect(diffFormSchemas(v1, structuredClone(v1))).toEqual({ added: [], removed: [], changed: [] });
    expect(diffFormSchemas(v1, { ...reordered, properties: v1.properties })).toEqual({
      added: [],
      removed: [],
      changed: [],
    });
  });

  it('reports added, removed and changed fields with the changed attributes', () => {
    // given
    const v2 = structuredClone(v1) as FormSchema & { properties: Record<string, FormSchema> };
    const basic = v2.properties.basic!.properties!;
    basic.hasFire!.title = '是否动火作业';
    basic.hasFire!.required = true;
    delete basic.note;
    (v2.properties.rows!.items as FormSchema).properties!.unit = {
      type: 'string',
      title: '单位',
      'x-component': 'Input',
    };
    v2.properties.photo = {
      type: 'array',
      title: '照片',
      'x-component': 'Photo',
      'x-component-props': { maxCount: 3 },
    };
    // when
    const diff = diffFormSchemas(v1, v2);
    // then
    expect(diff.removed).toEqual([{ path: 'note', title: '备注', component: 'Input' }]);
    expect(diff.added).toEqual([
      { path: 'rows.*.unit', title: '单位', component: 'Input' },
      { path: 'photo', title: '照片', component: 'Photo' },
    ]);
    expect(diff.changed).toEqual([
      {
        path: 'hasFire',
        changes: [
          { key: 'required', before: undefined, after: true },
          { key: 'title', before: '是否动火', after: '是否动火作业' },
        ],
      },
    ]);
  });

  it('reports a field moved to another container as a parent change', () => {
    // given
    const v2 = structuredClone(v1) as FormSchema & { properties: Record<string, FormSchema> };
    v2.properties.note = v2.properties.basic!.properties!.note!;
    delete v2.properties.basic!.properties!.note;
    // when
    const diff = diffFormSchemas(v1, v2);
    // then
    expect(diff.changed).toEqual([
      { path: 'note', changes: [{ key: 'parent', before: 'basic', after: '' }] },
    ]);
  });
});
