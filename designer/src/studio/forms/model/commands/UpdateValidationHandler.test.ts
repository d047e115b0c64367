import { describe, expect, it } from 'vitest';
import { validateSubmission } from '@safeflow/engine/forms';
import { snapshot, testDesigner } from '../designerFixture';
import { nodeAt } from '../schemaNodes';
import { readValidation } from '../validationSettings';

describe('validation.update', () => {
  it('writes required, bounds, pattern and named formats the engine validates', async () => {
    // given
    const d = testDesigner();
    const phone = d.insert('Input');
    const count = d.insert('InputNumber');
    // when
    d.setValidation(phone, { required: true, maxLength: 11, formats: ['phone'], message: '请输入手机号' });
    d.setValidation(count, { minimum: 1, maximum: 10 });
    // then
    expect(readValidation(nodeAt(d.state.schema, phone)!)).toEqual({ required: true, maxLength: 11, formats: ['phone'], message: '请输入手机号' });
    const result = await validateSubmission(d.exportSchema(), { [phone[0]!]: '123', [count[0]!]: 11 });
    expect(result.errors.map((e) => [e.path, e.code])).toEqual(
      expect.arrayContaining([
        [phone[0], 'form.format'],
        [count[0], 'form.maximum'],
      ]),
    );
    expect(result.errors.find((e) => e.code === 'form.format')!.message).toBe('请输入手机号');
  });

  it('turning a rule off removes its keyword', () => {
    // given
    const d = testDesigner();
    const f = d.insert('Input');
    d.setValidation(f, { required: true, pattern: '^[A-Z]+$' });
    // when
    d.setValidation(f, { required: false });
    // then
    expect(nodeAt(d.state.schema, f)!.required).toBeUndefined();
    expect(nodeAt(d.state.schema, f)!.pattern).toBeUndefined();
  });

  it('refuses an invalid or catastrophic pattern and min above max', () => {
    // given
    const d = testDesigner();
    const f = d.insert('Input');
    // when / then
    expect(() => d.setValidation(f, { pattern: '([a-z' })).toThrow(expect.objectContaining({ code: 'designer.invalid_pattern' }));
    expect(() => d.setValidation(f, { pattern: '(a+)+$' })).toThrow(expect.objectContaining({ code: 'designer.unsafe_pattern' }));
    expect(() => d.setValidation(f, { minLength: 5, maxLength: 2 })).toThrow(expect.objectContaining({ code: 'designer.min_above_max' }));
    expect(d.stack.depth).toBe(1);
  });

  it('undo restores the previous rules exactly', () => {
    // given
    const d = testDesigner();
    const f = d.insert('Input');
    d.setValidation(f, { required: true });
    const before = snapshot(d);
    // when
    d.setValidation(f, { minLength: 2, formats: ['email'] });
    d.undo();
    // then
    expect(snapshot(d)).toEqual(before);
  });
});
