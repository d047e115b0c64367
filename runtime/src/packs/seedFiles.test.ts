import { describe, expect, it } from 'vitest';
import { sampleFiles } from '../files/sampleFiles';
import { miniPack } from './testing/miniPack';
import { isSeedFile, seedFileNames } from './seedFiles';
import { validatePack } from './validatePack';

/** The mini pack with a `photos` file field on its sites, one seed record pointing at `name`, and the files given. */
function packWithSeedFile(name: string, files: Record<string, string>): Record<string, string> {
  const pack = miniPack();
  const col = JSON.parse(pack['collections/mini_site.json']!);
  col.content.fields.photos = { type: 'fileRefs', title: { zh: '照片', en: 'Photos' } };
  const seed = JSON.parse(pack['seed/sites.json']!);
  seed.records[0].data.photos = [{ $file: name }];
  return { ...pack, 'collections/mini_site.json': JSON.stringify(col), 'seed/sites.json': JSON.stringify(seed), ...files };
}

describe('seed files of a pack (seed/files/<name>, { "$file": "<name>" })', () => {
  it('tells seed files by their path and finds the $file values of a record', () => {
    // when / then
    expect(isSeedFile('seed/files/site-plan.png')).toBe(true);
    expect(isSeedFile('seed/files/../manifest.json')).toBe(false);
    expect(isSeedFile('seed/files/a/b.png')).toBe(false);
    expect(isSeedFile('seed/site.json')).toBe(false);
    expect([...seedFileNames({ plan: [{ $file: 'a.png' }], nested: { x: [{ $file: 'b.jpg' }, { $file: 'a.png' }] }, other: { $file: 'c.png', extra: 1 } })]).toEqual(['a.png', 'b.jpg']);
  });

  it('accepts a pack whose seed record refers to a file it ships, and reports one it lacks', async () => {
    // given
    const png = sampleFiles.png().toString('base64');
    // when
    const ok = await validatePack(packWithSeedFile('plan.png', { 'seed/files/plan.png': png }));
    const missing = await validatePack(packWithSeedFile('gone.png', { 'seed/files/plan.png': png }));
    // then
    expect(ok.issues).toEqual([]);
    expect(missing.issues.map((i) => [i.file, i.code])).toEqual([['seed/sites.json', 'pack.seed_unknown_file']]);
  });
});
