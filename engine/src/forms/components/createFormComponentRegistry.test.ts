import { describe, expect, it } from 'vitest';
import { createFormComponentRegistry } from './createFormComponentRegistry';
import { createDefaultFormComponentRegistry } from './defaultFormComponents';
import { PhotoComponent } from './PhotoComponent';

describe('createFormComponentRegistry', () => {
  it('rejects a duplicate name with registry.duplicate', () => {
    // given
    const registry = createFormComponentRegistry([PhotoComponent]);
    // when / then
    expect(() => registry.register({ ...PhotoComponent })).toThrow(
      expect.objectContaining({ code: 'registry.duplicate' }),
    );
  });

  it('holds the standard element-plus components and SafeFlow’s own, each once', () => {
    // when
    const registry = createDefaultFormComponentRegistry();
    const names = registry.list().map((c) => c.name);
    // then
    for (const n of [
      'Input',
      'Input.TextArea',
      'InputNumber',
      'Select',
      'Radio.Group',
      'Checkbox.Group',
      'Switch',
      'DatePicker',
      'TimePicker',
      'Upload',
      'FormItem',
      'FormLayout',
      'FormGrid',
      'Card',
      'ArrayItems',
      'ArrayTable',
      'Space',
      'Editable',
      'Photo',
      'Signature',
      'Location',
      'CheckIn',
      'ScoredItem',
    ]) {
      expect(registry.has(n), n).toBe(true);
    }
    expect(new Set(names).size).toBe(names.length);
    expect(registry.get('FormItem')!.role).toBe('decorator');
    expect(registry.get('Photo')!.propertySchema).toMatchObject({
      type: 'object',
      properties: { maxCount: { type: 'integer' } },
    });
  });
});
