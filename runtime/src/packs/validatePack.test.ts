import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PACK_SCHEMAS, packJsonSchema } from './packSchemas';
import { miniPack } from './testing/miniPack';
import { readPackDir, validatePack } from './validatePack';

const SAFETY = fileURLToPath(new URL('../../../definitions/safety', import.meta.url));
const SCHEMAS = fileURLToPath(new URL('../../../definitions/pack-schemas', import.meta.url));

/** Edits one JSON file of a pack. */
function edit(files: Record<string, string>, file: string, fn: (json: any) => void): void { // eslint-disable-line @typescript-eslint/no-explicit-any
  const json = JSON.parse(files[file]!);
  fn(json);
  files[file] = JSON.stringify(json, null, 2);
}

describe('pack validate', () => {
  it('accepts the bundled safety pack and the test pack (both versions)', async () => {
    for (const files of [readPackDir(SAFETY), miniPack('1.0.0'), miniPack('1.1.0')]) {
      const r = await validatePack(files);
      expect(r.issues).toEqual([]);
      expect(r.pack!.definitions.length).toBeGreaterThan(0);
    }
  });

  it('reports every kind of breakage with its file, JSON path and code', async () => {
    // given a broken copy of the test pack
    const files = miniPack();
    files['forms/broken.json'] = '{ "key": "broken", "name": ';
    edit(files, 'manifest.json', (m) => { m.version = '1.0'; });
    edit(files, 'collections/mini_site.json', (c) => { c.content.fields.level.type = 'colour'; });
    edit(files, 'views/mini_site_ledger.json', (v) => { v.content.filters.push({ field: 'phone', op: 'eq' }); });
    edit(files, 'rules/mini.lec.json', (r) => { r.key = 'mini.other'; });
    files['processes/mini-inspection.bpmn'] = files['processes/mini-inspection.bpmn']!
      .replace('safeflow:forms/mini-check@latest', 'safeflow:forms/missing-form@latest')
      .replace('camunda:topic="rules"', 'camunda:topic="notify"');
    files['processes/half.bpmn'] = '<definitions><process id="half"';
    edit(files, 'seed/sites.json', (s) => { s.records[0].data.colour = 'red'; s.records[1].status = 'gone'; });
    edit(files, 'i18n/en.json', (t) => { delete t['pack.name']; t['def.form.nope'] = 'Nope'; });
    files['form/typo.json'] = '{}';
    // when
    const r = await validatePack(files);
    // then
    const found = r.issues.map((i) => `${i.file} | ${i.path} | ${i.code}`);
    expect(found).toEqual(
      expect.arrayContaining([
        'forms/broken.json |  | pack.json_syntax',
        'manifest.json | version | schema.invalid_format',
        'collections/mini_site.json | content.fields.level.type | invalid_value',
        'rules/mini.lec.json | key | pack.key_mismatch',
        'processes/mini-inspection.bpmn | inspect | pack.unknown_reference',
        'processes/mini-inspection.bpmn | grade | pack.task_type_undeclared',
        'processes/half.bpmn |  | bpmn.parse',
        'i18n/en.json | pack.name | pack.i18n_missing',
        'i18n/en.json | def.form.nope | pack.i18n_unknown_definition',
        'form/typo.json |  | pack.unknown_file',
      ]),
    );
    const syntax = r.issues.find((i) => i.code === 'pack.json_syntax')!;
    expect(syntax.message).toMatch(/JSON/);
  });

  it('reports cross-file references: a view over a field that is not indexed, seed records that do not fit their collection', async () => {
    // given
    const files = miniPack();
    edit(files, 'views/mini_site_ledger.json', (v) => { v.content.filters.push({ field: 'phone', op: 'eq' }); v.content.collection = 'mini_site'; });
    edit(files, 'seed/sites.json', (s) => { s.records[0].data.colour = 'red'; s.records[1].status = 'gone'; s.records[1].ref = 'site-a'; });
    edit(files, 'collections/mini_site.json', (c) => { c.content.formKey = 'no-such-form'; });
    // when
    const r = await validatePack(files);
    // then
    expect(r.issues.map((i) => `${i.file} | ${i.path} | ${i.code}`)).toEqual(
      expect.arrayContaining([
        'views/mini_site_ledger.json | content.filters.1.field | view.not_indexed',
        'seed/sites.json | records.0.data.colour | record.unknown_field',
        'seed/sites.json | records.1.status | pack.seed_unknown_state',
        'seed/sites.json | records.1.ref | pack.seed_duplicate_ref',
        'collections/mini_site.json | content.formKey | pack.unknown_reference',
      ]),
    );
  });

  it('lets definitions installed in the tenant satisfy references', async () => {
    // given a pack whose process uses a form it does not ship
    const files = miniPack();
    delete files['forms/mini-check.json'];
    // when
    const offline = await validatePack(files);
    const online = await validatePack(files, { installed: async (kind, key) => kind === 'form' && key === 'mini-check' });
    // then
    expect(offline.issues.map((i) => i.code)).toEqual(['pack.unknown_reference']);
    expect(online.issues).toEqual([]);
  });

  it('keeps the JSON Schemas in definitions/pack-schemas in step with the zod schemas', () => {
    for (const name of Object.keys(PACK_SCHEMAS) as Array<keyof typeof PACK_SCHEMAS>) {
      const onDisk = JSON.parse(fs.readFileSync(`${SCHEMAS}/${name}`, 'utf8'));
      expect(onDisk, `${name} is stale: regenerate with npx tsx runtime/src/packs/writePackSchemas.ts`).toEqual(packJsonSchema(name));
    }
  });
});
