import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formEnumLabels } from './formEnumLabels';

describe('formEnumLabels', () => {
  it('reads the option labels of a real form, nested and in array items', () => {
    // given the enterprise archive form of the safety pack
    const form = JSON.parse(fs.readFileSync(new URL('../../../definitions/safety/forms/safety.archive.enterprise.json', import.meta.url), 'utf8')) as { content: unknown };
    // when
    const labels = formEnumLabels((form.content as { schema?: unknown }).schema ?? form.content);
    // then licence types (array items) are there with their words
    expect(labels.type?.fireAcceptance).toBe('消防验收/备案');
  });

  it('ignores malformed options and deep nesting', () => {
    // given / when
    const labels = formEnumLabels({ properties: { a: { enum: [{ label: 'A', value: 'a' }, { label: 1, value: 'b' }, null] }, b: { enum: 'x' } } });
    // then
    expect(labels).toEqual({ a: { a: 'A' } });
  });
});
