import { describe, expect, it } from 'vitest';
import type { FormSchema } from '@safeflow/engine/forms';
import { prepareSchema } from './prepareSchema';

describe('prepareSchema', () => {
  it('decorates value fields with FormItem and leaves the stored schema untouched', () => {
    // given
    const stored: FormSchema = {
      type: 'object',
      properties: {
        a: { type: 'string', 'x-component': 'Input' },
        b: { type: 'string', 'x-component': 'Input', 'x-decorator': 'Editable' },
        box: { type: 'void', 'x-component': 'Card', properties: { c: { type: 'number', 'x-component': 'InputNumber' } } },
      },
    };
    const before = JSON.stringify(stored);
    // when
    const out = prepareSchema(stored);
    // then
    expect(out.properties!.a!['x-decorator']).toBe('FormItem');
    expect(out.properties!.b!['x-decorator']).toBe('Editable');
    expect(out.properties!.box!['x-decorator']).toBeUndefined();
    expect(out.properties!.box!.properties!.c!['x-decorator']).toBe('FormItem');
    expect(JSON.stringify(stored)).toBe(before);
  });

  it('splits a long flat form into void sections keeping field order and names', () => {
    // given 25 flat fields
    const properties = Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`q${i + 1}`, { type: 'string', 'x-component': 'Input' }]));
    // when
    const out = prepareSchema({ type: 'object', properties }, { sectionSize: 10, sectionTitle: (i, a, b) => `第${i}部分 ${a}-${b}` });
    // then
    const sections = Object.entries(out.properties!);
    expect(sections.map(([k, s]) => [k, s.type, s['x-component'], s.title])).toEqual([
      ['__section1', 'void', 'SafeSection', '第1部分 1-10'],
      ['__section2', 'void', 'SafeSection', '第2部分 11-20'],
      ['__section3', 'void', 'SafeSection', '第3部分 21-25'],
    ]);
    expect(Object.keys(sections[2]![1].properties!)).toEqual(['q21', 'q22', 'q23', 'q24', 'q25']);
  });

  it('keeps forms that already have sections, and short forms, as designed', () => {
    const sectioned: FormSchema = {
      type: 'object',
      properties: Object.fromEntries(
        Array.from({ length: 30 }, (_, i) => [`s${i}`, { type: 'void', 'x-component': 'FormCollapse', properties: {} }]),
      ),
    };
    expect(Object.keys(prepareSchema(sectioned, { sectionSize: 10 }).properties!)).toHaveLength(30);
    expect(Object.keys(prepareSchema({ type: 'object', properties: { a: { type: 'string' } } }, { sectionSize: 10 }).properties!)).toEqual(['a']);
  });

  it('shows the English title (x-title-en) to an English reader and the zh-CN title otherwise; fields without one keep theirs', () => {
    // given
    const stored: FormSchema = {
      type: 'object',
      properties: {
        site: { type: 'string', title: '检查区域', 'x-title-en': 'Area', 'x-component': 'Input' },
        note: { type: 'string', title: '备注', 'x-component': 'Input' },
        box: { type: 'void', title: '消防', 'x-title-en': 'Fire', 'x-component': 'Card', 'x-component-props': { title: '消防' }, properties: {} },
      },
    };
    // when
    const en = prepareSchema(stored, { locale: 'en' });
    const zh = prepareSchema(stored, { locale: 'zh-CN' });
    // then
    expect(en.properties!.site!.title).toBe('Area');
    expect(en.properties!.note!.title).toBe('备注');
    expect(en.properties!.box!['x-component-props']).toEqual({ title: 'Fire' });
    expect(zh.properties!.site!.title).toBe('检查区域');
    expect(stored.properties!.site!.title).toBe('检查区域');
  });
});
