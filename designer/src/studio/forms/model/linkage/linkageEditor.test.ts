import { describe, expect, it } from 'vitest';
import { compileLinkage, validateSubmission, type LinkageRule } from '@safeflow/engine/forms';
import { testDesigner } from '../designerFixture';
import { describeRule } from './describeRule';
import { coerceValue, linkageFields, opsFor } from './linkageFields';

const form = {
  type: 'object',
  properties: {
    hasFire: { type: 'string', title: '是否有明火', 'x-component': 'Radio.Group', enum: [{ label: '是', value: 'yes' }, { label: '否', value: 'no' }] },
    count: { type: 'number', title: '灭火器数量', 'x-component': 'InputNumber', 'x-display': 'none' },
    ok: { type: 'boolean', title: '已确认', 'x-component': 'Switch' },
    note: { type: 'string', title: '备注', 'x-component': 'Input' },
    rows: { type: 'array', 'x-component': 'ArrayItems', items: { type: 'object', properties: { qty: { type: 'number', 'x-component': 'InputNumber' } } } },
  },
};

describe('linkage editor model', () => {
  it('offers every field outside array rows, with options and value types', () => {
    // when
    const fields = linkageFields(testDesigner(form).state.schema);
    // then
    expect(fields.map((f) => f.path)).toEqual(['hasFire', 'count', 'ok', 'note', 'rows']);
    expect(fields[0]!.options).toEqual([{ value: 'yes', label: '是' }, { value: 'no', label: '否' }]);
  });

  it('offers operators by field kind and types values like the field', () => {
    // given
    const [hasFire, count, ok] = linkageFields(testDesigner(form).state.schema);
    // then
    expect(opsFor(hasFire)).toEqual(['eq', 'ne', 'in', 'empty', 'notEmpty']);
    expect(opsFor(count)).toContain('gte');
    expect(opsFor(ok)).toEqual(['eq', 'ne']);
    expect(coerceValue(count, ' 3 ')).toBe(3);
    expect(coerceValue(count, 'x')).toBeNull();
    expect(coerceValue(ok, 'true')).toBe(true);
    expect(coerceValue(hasFire, 'yes')).toBe('yes');
  });

  it('describes a rule in words, options by their labels', () => {
    // given
    const fields = linkageFields(testDesigner(form).state.schema);
    const rule: LinkageRule = { when: { all: [{ field: 'hasFire', op: 'eq', value: 'yes' }] }, then: [{ target: 'count', set: { display: 'visible', required: true } }] };
    // then
    expect(describeRule(rule, fields, 'zh-CN')).toBe('当 是否有明火 等于 是 时：显示、必填 灭火器数量');
    expect(describeRule(rule, fields, 'en')).toBe('When 是否有明火 is 是: show, require 灭火器数量');
  });

  it('keeps hostile text a literal: a value that looks like code compares as a plain string', async () => {
    // given
    const d = testDesigner(form);
    const hostile = "x') || process.exit(1) || ('";
    d.setLinkage([{ when: { all: [{ field: 'note', op: 'eq', value: hostile }] }, then: [{ target: 'count', set: { display: 'visible', required: true } }] }]);
    // when
    const compiled = compileLinkage(d.state.linkage);
    const matched = await validateSubmission(d.exportSchema(), { note: hostile });
    const other = await validateSubmission(d.exportSchema(), { note: 'fine' });
    // then
    expect(compiled[0]!.reaction.when).toBe(`{{$deps[0] === ${JSON.stringify(hostile)}}}`);
    expect(matched.errors.map((e) => [e.path, e.code])).toEqual([['count', 'form.required']]);
    expect(other.valid).toBe(true);
  });
});
