import { describe, expect, it } from 'vitest';
import { collectFileRefs } from './collectFileRefs';

const ref = (id: string) => ({ fileId: id, name: `${id}.jpg`, size: 1, mime: 'image/jpeg', sha256: 'a'.repeat(64) });

describe('collectFileRefs', () => {
  it('finds photos in fields, checklist items and signatures with their paths', () => {
    const found = collectFileRefs({ photos: [ref('p1'), ref('p2')], q1: { result: 'fail', photos: [ref('p3')] }, sign: ref('s'), title: 'x' });
    expect(found.map((f) => [f.path, f.fileId])).toEqual([
      ['photos.0', 'p1'],
      ['photos.1', 'p2'],
      ['q1.photos.0', 'p3'],
      ['sign', 's'],
    ]);
  });
});
