import { describe, expect, it } from 'vitest';
import { lintFormSchema } from '../lintFormSchema';
import { validateSubmission } from '../validateSubmission';
import { createDefaultFormComponentRegistry } from './defaultFormComponents';
import { createFormComponentRegistry } from './createFormComponentRegistry';
import { formComponentCatalogue } from './formComponentCatalogue';

function titledEverywhere(schema: Record<string, unknown>, at: string, out: string[]): void {
  const properties = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
  for (const [k, p] of Object.entries(properties)) {
    if (typeof p.title !== 'string' || typeof p['x-title-en'] !== 'string') out.push(`${at}.${k}`);
    if (p.type === 'object') titledEverywhere(p, `${at}.${k}`, out);
  }
}

describe('formComponentCatalogue', () => {
  const catalogue = formComponentCatalogue(createDefaultFormComponentRegistry());
  const offered = catalogue.components.filter((c) => c.group);

  it('offers every palette group of the issue, each with components, SafeFlow’s five in their own group', () => {
    // then
    expect(catalogue.groups.map((g) => g.key)).toEqual(['basic', 'choice', 'datetime', 'upload', 'layout', 'array', 'safeflow']);
    for (const g of catalogue.groups) expect(offered.filter((c) => c.group === g.key).length).toBeGreaterThan(0);
    expect(offered.filter((c) => c.group === 'safeflow').map((c) => c.name)).toEqual(['Photo', 'Signature', 'Location', 'CheckIn', 'ScoredItem']);
    expect(catalogue.formats).toContain('phone');
  });

  it('lists palette components first, by group then order, helpers after them', () => {
    // then
    const firstHelper = catalogue.components.findIndex((c) => !c.group);
    expect(catalogue.components.slice(firstHelper).every((c) => !c.group)).toBe(true);
    expect(catalogue.components.map((c) => c.name)).toContain('ArrayItems.Remove');
    expect(catalogue.components.find((c) => c.name === 'ArrayItems.Remove')!.group).toBeUndefined();
  });

  it('gives every offered component zh-CN and English titles, and titles every property of its property schema', () => {
    // given
    const untitled: string[] = [];
    // when
    for (const c of offered) {
      expect(c.title!['zh-CN']).toMatch(/\S/);
      expect(c.title!.en).toMatch(/\S/);
      titledEverywhere(c.propertySchema as Record<string, unknown>, c.name, untitled);
    }
    // then
    expect(untitled).toEqual([]);
  });

  it('inserts snippets that lint clean and validate an empty submission', async () => {
    for (const c of offered) {
      // given
      const form = { type: 'object', properties: { f1: c.snippet! } };
      // when
      const issues = lintFormSchema(form);
      const result = await validateSubmission(form, {});
      // then
      expect(issues, c.name).toEqual([]);
      expect(result.valid, c.name).toBe(true);
    }
  });

  it('describes value shapes as JSON Schema and says which components validate on the server', () => {
    // when
    const photo = catalogue.components.find((c) => c.name === 'Photo')!;
    const card = catalogue.components.find((c) => c.name === 'Card')!;
    // then
    expect(photo.valueSchema).toMatchObject({ type: 'array' });
    expect(photo.serverValidator).toBe(true);
    expect(photo.rules).toContain('required');
    expect(card.valueSchema).toBeUndefined();
    expect(card.accepts).toBe('fields');
    expect(catalogue.components.find((c) => c.name === 'ArrayTable')!.rowWrapper).toMatchObject({ 'x-component': 'ArrayTable.Column' });
  });

  it('lists a plugin component registered on its own registry, without a palette entry when it has none', () => {
    // given
    const registry = createFormComponentRegistry([{ name: 'Gauge', role: 'field', propertySchema: { type: 'object', properties: {} }, defaultProps: {} }]);
    // when
    const out = formComponentCatalogue(registry);
    // then
    expect(out.components).toEqual([expect.objectContaining({ name: 'Gauge', role: 'field', rules: [], options: false, serverValidator: false })]);
  });
});
