import { describe, expect, it } from 'vitest';
import { applyLinkage, compileLinkage } from './compileLinkage';
import type { FormSchema } from './FormSchema';
import { validateSubmission } from './validateSubmission';

const schema: FormSchema = {
  type: 'object',
  properties: {
    hasFire: { type: 'string', 'x-component': 'Radio.Group', enum: ['yes', 'no'] },
    extinguisherCount: { type: 'number', 'x-component': 'InputNumber' },
    note: { type: 'string', 'x-component': 'Input' },
  },
};

describe('compileLinkage', () => {
  it('compiles the FORMS.md example to a safe reaction on the target', () => {
    // when
    const compiled = compileLinkage([
      {
        when: { all: [{ field: 'hasFire', op: 'eq', value: 'yes' }] },
        then: [{ target: 'extinguisherCount', set: { display: 'visible', required: true } }],
      },
    ]);
    // then
    expect(compiled).toEqual([
      {
        target: 'extinguisherCount',
        reaction: {
          dependencies: ['hasFire'],
          when: '{{$deps[0] === "yes"}}',
          fulfill: { state: { display: 'visible', required: true } },
          otherwise: { state: { display: 'none', required: false } },
        },
      },
    ]);
  });

  it('drives validation: shown and required only when the condition holds', async () => {
    // given
    const linked = applyLinkage(schema, [
      {
        when: { all: [{ field: 'hasFire', op: 'eq', value: 'yes' }] },
        then: [{ target: 'extinguisherCount', set: { display: 'visible', required: true } }],
      },
    ]);
    // when
    const yes = await validateSubmission(linked, { hasFire: 'yes' });
    const no = await validateSubmission(linked, { hasFire: 'no', extinguisherCount: 3 });
    // then
    expect(yes.errors.map((e) => `${e.path} ${e.code}`)).toEqual(['extinguisherCount form.required']);
    expect(no).toMatchObject({ valid: true, values: { hasFire: 'no' } });
  });

  it('keeps hostile values inert: quotes and expression syntax stay string literals', async () => {
    // given
    const evil = `"] || (globalThis.__sfPwned = 1) || ["}}{{x`;
    const linked = applyLinkage(schema, [
      {
        when: {
          any: [
            { field: 'note', op: 'eq', value: evil },
            { field: 'note', op: 'in', value: ['a', evil] },
          ],
        },
        then: [{ target: 'hasFire', set: { required: true } }],
      },
    ]);
    // when
    const matching = await validateSubmission(linked, { note: evil });
    const other = await validateSubmission(linked, { note: 'b' });
    // then
    expect(matching.errors.map((e) => `${e.path} ${e.code}`)).toEqual(['hasFire form.required']);
    expect(other.valid).toBe(true);
    expect((globalThis as Record<string, unknown>).__sfPwned).toBeUndefined();
  });

  it('supports any / gt / lt / empty / notEmpty', async () => {
    // given
    const linked = applyLinkage(schema, [
      {
        when: {
          any: [
            { field: 'extinguisherCount', op: 'gt', value: 5 },
            { field: 'extinguisherCount', op: 'lt', value: 1 },
          ],
        },
        then: [{ target: 'note', set: { required: true } }],
      },
      {
        when: { all: [{ field: 'note', op: 'notEmpty' }] },
        then: [{ target: 'hasFire', set: { pattern: 'readOnly' } }],
      },
    ]);
    // when
    const many = await validateSubmission(linked, { extinguisherCount: 9 });
    const fine = await validateSubmission(linked, { extinguisherCount: 3 });
    const locked = await validateSubmission(linked, { extinguisherCount: 3, note: 'x', hasFire: 'maybe' });
    // then
    expect(many.errors.map((e) => `${e.path} ${e.code}`)).toEqual(['note form.required']);
    expect(fine.valid).toBe(true);
    expect(locked.valid).toBe(true); // read-only fields skip rules (Formily default)
  });

  it('rejects malformed rules with form.invalid_linkage', () => {
    // when / then
    expect(() =>
      compileLinkage([
        { when: { all: [{ field: 'a; process', op: 'eq', value: 1 }] }, then: [{ target: 'b', set: {} }] },
      ]),
    ).toThrow(expect.objectContaining({ code: 'form.invalid_linkage' }));
    expect(() =>
      applyLinkage(schema, [
        {
          when: { all: [{ field: 'hasFire', op: 'empty' }] },
          then: [{ target: 'ghost', set: { visible: false } }],
        },
      ]),
    ).toThrow(expect.objectContaining({ code: 'form.linkage_target_missing' }));
  });
});
