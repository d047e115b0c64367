import { createForm } from '@formily/core';
import { Schema } from '@formily/json-schema';
import { describe, expect, it } from 'vitest';
import { installSafeCompiler, isSafeCompilerInstalled, safeFormilyCompiler } from './installSafeCompiler';

function fieldOf(json: Record<string, unknown>, values: Record<string, unknown> = {}) {
  installSafeCompiler();
  const form = createForm({ values });
  const schema = new Schema({ type: 'object', properties: json as never });
  const fields: Record<string, ReturnType<typeof form.createField>> = {};
  for (const [name, s] of Object.entries(schema.properties!)) {
    fields[name] = form.createField({ ...s.toFieldProps(), name } as never);
  }
  return { form, fields };
}

describe('installSafeCompiler', () => {
  it('is idempotent', () => {
    // given
    installSafeCompiler();
    // when
    installSafeCompiler();
    // then
    expect(isSafeCompilerInstalled()).toBe(true);
  });

  it('hides a field through fulfill.state.visible over $deps', () => {
    // given
    const { form, fields } = fieldOf(
      {
        hasFire: { type: 'string' },
        count: {
          type: 'number',
          'x-reactions': {
            dependencies: ['hasFire'],
            fulfill: { state: { visible: "{{$deps[0] === 'yes'}}" } },
          },
        },
      },
      { hasFire: 'no' },
    );
    expect(fields.count!.display).toBe('none');
    // when
    form.setValuesIn('hasFire', 'yes');
    // then
    expect(fields.count!.display).toBe('visible');
  });

  it('computes D = L * E * C with fulfill.state.value and keeps it reactive', () => {
    // given
    const { form, fields } = fieldOf(
      {
        L: { type: 'number' },
        E: { type: 'number' },
        C: { type: 'number' },
        D: {
          type: 'number',
          'x-reactions': {
            dependencies: ['L', 'E', 'C'],
            fulfill: { state: { value: '{{$deps[0] * $deps[1] * $deps[2]}}' } },
          },
        },
      },
      { L: 3, E: 6, C: 15 },
    );
    expect(fields.D!.value).toBe(270);
    // when
    form.setValuesIn('C', 40);
    // then
    expect(fields.D!.value).toBe(720);
  });

  it('applies target reactions and x-pattern / x-display expressions reading $self and $form views', () => {
    // given
    const { fields } = fieldOf(
      {
        kind: {
          type: 'string',
          'x-reactions': { target: 'other', fulfill: { state: { required: "{{$self.value === 'hot'}}" } } },
        },
        other: { type: 'string' },
        locked: { type: 'string', 'x-pattern': "{{$form.values.kind === 'hot' ? 'readOnly' : 'editable'}}" },
        gone: { type: 'string', 'x-display': "{{$values.kind === 'hot' ? 'hidden' : 'visible'}}" },
      },
      { kind: 'hot' },
    );
    // then
    expect((fields.other as unknown as { required: boolean }).required).toBe(true);
    expect(fields.locked!.pattern).toBe('readOnly');
    expect(fields.gone!.display).toBe('hidden');
  });

  it('applies when / fulfill.schema / otherwise with $dependencies', () => {
    // given
    const { form, fields } = fieldOf(
      {
        level: { type: 'string' },
        plan: {
          type: 'string',
          'x-reactions': {
            dependencies: ['level'],
            when: "{{$dependencies[0] === 'major'}}",
            fulfill: { schema: { 'x-display': 'visible', required: true } },
            otherwise: { schema: { 'x-display': 'none' } },
          },
        },
      },
      { level: 'general' },
    );
    expect(fields.plan!.display).toBe('none');
    // when
    form.setValuesIn('level', 'major');
    // then
    expect(fields.plan!.display).toBe('visible');
    expect((fields.plan as unknown as { required: boolean }).required).toBe(true);
  });

  it('never executes fulfill.run: the compiler rejects the function wrapper Formily builds', () => {
    // given
    (globalThis as Record<string, unknown>).__sfPwned = undefined;
    // when
    const create = () =>
      fieldOf(
        { a: { type: 'string', 'x-reactions': { fulfill: { run: 'globalThis.__sfPwned = 1' } } } },
        { a: 'x' },
      );
    // then
    expect(create).toThrow(expect.objectContaining({ code: expect.stringMatching(/^expression\./) }));
    expect((globalThis as Record<string, unknown>).__sfPwned).toBeUndefined();
  });

  it('refuses globals that Formily would have reached through with()', () => {
    // when / then
    expect(() => safeFormilyCompiler('process.version', {})).toThrow(
      expect.objectContaining({ code: expect.stringMatching(/^expression\./) }),
    );
    expect(() => safeFormilyCompiler('$observable', { $observable: () => 1 })).toThrow(
      expect.objectContaining({ code: 'expression.unknown_identifier' }),
    );
  });

  it('exposes $self as a read-only view: writes and method calls are refused', () => {
    // given
    const scope = { $self: { value: 2, setValue: () => undefined, path: { toString: () => 'a' } } };
    // when / then
    expect(safeFormilyCompiler('$self.value + 1', scope)).toBe(3);
    expect(safeFormilyCompiler('$self.path', scope)).toBe('a');
    expect(() => safeFormilyCompiler('$self.setValue(5)', scope)).toThrow(
      expect.objectContaining({ code: expect.stringMatching(/^expression\./) }),
    );
  });
});
