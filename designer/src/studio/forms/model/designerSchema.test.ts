import { describe, expect, it } from 'vitest';
import { lintFormSchema, validateSubmission, type FormSchema } from '@safeflow/engine/forms';
import { fromFormSchema, toFormSchema } from './designerSchema';

const schema: FormSchema = {
  type: 'object',
  properties: {
    hasFire: { type: 'string', 'x-component': 'Radio.Group', 'x-decorator': 'FormItem', enum: ['yes', 'no'], 'x-index': 0 },
    count: {
      type: 'number',
      'x-component': 'InputNumber',
      'x-decorator': 'FormItem',
      'x-display': 'none',
      'x-index': 1,
      'x-reactions': { dependencies: ['hasFire'], fulfill: { state: { description: "{{$deps[0] === 'yes' ? '必填' : ''}}" } } },
    },
  },
};
const rules = [{ when: { all: [{ field: 'hasFire', op: 'eq' as const, value: 'yes' }] }, then: [{ target: 'count', set: { display: 'visible' as const, required: true } }] }];

describe('designer schema ⇄ stored form schema', () => {
  it('compiles linkage into safe reactions the engine lints clean and enforces on the server', async () => {
    // when
    const out = toFormSchema(schema, rules);
    // then
    expect(lintFormSchema(out)).toEqual([]);
    expect(out['x-designer']).toEqual({ linkage: rules });
    expect((await validateSubmission(out, { hasFire: 'yes' })).errors.map((e) => [e.path, e.code])).toEqual([['count', 'form.required']]);
    expect((await validateSubmission(out, { hasFire: 'no' })).valid).toBe(true);
  });

  it('reads back exactly the designer document: compiled reactions removed, hand-written ones kept', () => {
    // when
    const back = fromFormSchema(toFormSchema(schema, rules));
    // then
    expect(back.linkage).toEqual(rules);
    expect(back.schema.properties!.count!['x-reactions']).toEqual([schema.properties!.count!['x-reactions']]);
    expect(toFormSchema(back.schema, back.linkage)).toEqual(toFormSchema(schema, rules));
  });

  it('keeps rules naming missing fields as data but does not compile them', () => {
    // given
    const broken = [...rules, { when: { any: [{ field: 'gone', op: 'notEmpty' as const }] }, then: [{ target: 'count', set: { pattern: 'readOnly' as const } }] }];
    // when
    const out = toFormSchema(schema, broken);
    // then
    expect((out['x-designer'] as { linkage: unknown[] }).linkage).toHaveLength(2);
    expect(out.properties!.count!['x-reactions']).toHaveLength(2);
  });
});
