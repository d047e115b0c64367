import { describe, expect, it } from 'vitest';
import { isFilled, sectionProgress, type ProgressField } from './sectionProgress';

const f = (address: string, filled: boolean, extra: Partial<ProgressField> = {}): ProgressField => ({
  address: address.split('.'),
  visible: true,
  filled,
  required: false,
  invalid: false,
  ...extra,
});

describe('sectionProgress', () => {
  it('counts answered visible fields per section and overall', () => {
    // given two sections and a loose field
    const sections = new Map([
      ['s1', '消防设施'],
      ['s2', '用电安全'],
    ]);
    const fields = [
      f('s1.a', true),
      f('s1.b', false, { required: true }),
      f('s1.c', false, { visible: false, required: true }),
      f('s2.d', true, { invalid: true }),
      f('s2.e', true),
      f('loose', false),
    ];
    // when
    const p = sectionProgress(fields, sections);
    // then
    expect(p).toMatchObject({ filled: 3, total: 5, percent: 60, requiredMissing: 1 });
    expect(p.sections).toEqual([
      { key: 's1', title: '消防设施', filled: 1, total: 2, requiredMissing: 1, errors: 0 },
      { key: 's2', title: '用电安全', filled: 2, total: 2, requiredMissing: 0, errors: 1 },
      { key: '', title: '', filled: 0, total: 1, requiredMissing: 0, errors: 0 },
    ]);
  });

  it('reaches 100 only when everything is filled, and never rounds up to it', () => {
    const many = Array.from({ length: 200 }, (_, i) => f(`q${i}`, i !== 0));
    expect(sectionProgress(many, new Map()).percent).toBe(99);
    expect(sectionProgress(many.map((x) => ({ ...x, filled: true })), new Map()).percent).toBe(100);
    expect(sectionProgress([], new Map()).percent).toBe(100);
  });

  it('treats empty strings, arrays and objects as unanswered', () => {
    expect([undefined, null, '', [], {}, { result: undefined }].map(isFilled)).toEqual([false, false, false, false, false, false]);
    expect([0, false, 'x', [1], { result: 'pass' }].map(isFilled)).toEqual([true, true, true, true, true]);
  });
});
