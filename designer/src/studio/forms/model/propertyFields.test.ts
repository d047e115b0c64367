import { describe, expect, it } from 'vitest';
import { testCatalogue } from './designerFixture';
import { numberProblem, propertyFields, readProp, writeProp } from './propertyFields';

const entry = (name: string) => testCatalogue.components.find((c) => c.name === name)!;

describe('propertyFields', () => {
  it('generates rows from the Photo property schema: numbers with bounds, nested groups of switches', () => {
    // when
    const rows = propertyFields(entry('Photo').propertySchema);
    // then
    expect(rows.map((r) => [r.key.join('.'), r.editor])).toEqual([
      ['minCount', 'number'],
      ['maxCount', 'number'],
      ['maxSizeKb', 'number'],
      ['compress', 'group'],
      ['stamp', 'group'],
    ]);
    expect(rows[1]).toMatchObject({ title: { 'zh-CN': '最多张数', en: 'Max photos' }, min: 1, max: 100, integer: true });
    expect(rows[4]!.children!.map((c) => [c.key.join('.'), c.editor])).toEqual([
      ['stamp.time', 'switch'],
      ['stamp.location', 'switch'],
    ]);
  });

  it('uses selects for enums (with labels), multiselects for enum arrays, and the editor hints', () => {
    // when
    const date = propertyFields(entry('DatePicker').propertySchema);
    const checkIn = propertyFields(entry('CheckIn').propertySchema);
    const select = propertyFields(entry('Select').propertySchema);
    const signature = propertyFields(entry('Signature').propertySchema);
    // then
    expect(date[0]).toMatchObject({ editor: 'select', options: expect.arrayContaining([{ value: 'datetime', label: { 'zh-CN': 'datetime', en: 'datetime' } }]) });
    expect(checkIn[0]).toMatchObject({ editor: 'multiselect', options: [{ value: 'gps', label: { 'zh-CN': 'GPS 定位', en: 'GPS' } }, { value: 'qr', label: { 'zh-CN': '扫码', en: 'QR code' } }] });
    expect(select[0]!.editor).toBe('dictionary');
    expect(signature[0]!.editor).toBe('color');
  });

  it('reads and writes nested props without touching the original; empty values and groups are removed', () => {
    // given
    const props = { stamp: { time: true }, maxCount: 9 };
    // when
    const a = writeProp(props, ['stamp', 'location'], false);
    const b = writeProp(a, ['stamp', 'time'], undefined);
    const c = writeProp(b, ['stamp', 'location'], undefined);
    // then
    expect(props).toEqual({ stamp: { time: true }, maxCount: 9 });
    expect(readProp(a, ['stamp', 'location'])).toBe(false);
    expect(b).toEqual({ stamp: { location: false }, maxCount: 9 });
    expect(c).toEqual({ maxCount: 9 });
  });

  it('checks numbers against the schema bounds', () => {
    // given
    const maxCount = propertyFields(entry('Photo').propertySchema)[1]!;
    // then
    expect(numberProblem(maxCount, 0)).toBe('designer.below_minimum');
    expect(numberProblem(maxCount, 101)).toBe('designer.above_maximum');
    expect(numberProblem(maxCount, 2.5)).toBe('designer.not_integer');
    expect(numberProblem(maxCount, 5)).toBeUndefined();
  });
});
