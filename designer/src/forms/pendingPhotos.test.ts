import { describe, expect, it } from 'vitest';
import type { FileRef } from './fileRef';
import { forgetPhotos, keepPhotoOffline, pendingRefs, uploadPendingPhotos, type PendingPhoto, type PendingPhotoStore } from './pendingPhotos';

/** A store over a Map (the same three calls the IndexedDB store answers). */
function mapStore(): PendingPhotoStore & { size(): number } {
  const m = new Map<string, PendingPhoto>();
  return { put: async (p) => void m.set(p.id, p), get: async (id) => m.get(id), delete: async (id) => void m.delete(id), size: () => m.size };
}

describe('pendingPhotos', () => {
  it('keeps a photo with a pending reference carrying its real size and sha256', async () => {
    // given
    const store = mapStore();
    const blob = new Blob(['abc'], { type: 'image/jpeg' });
    // when
    const ref = await keepPhotoOffline(store, blob, 'exit.jpg', 'org-1', 'p1');
    // then
    expect(ref).toEqual({ fileId: 'pending:p1', name: 'exit.jpg', size: 3, mime: 'image/jpeg', sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad' });
    expect(await store.get('p1')).toMatchObject({ name: 'exit.jpg', orgId: 'org-1' });
  });

  it('uploads each pending photo once (its id as the idempotency key) and swaps the references in nested values', async () => {
    // given
    const store = mapStore();
    const a = await keepPhotoOffline(store, new Blob(['a'], { type: 'image/jpeg' }), 'a.jpg', 'org-1', 'pa');
    const b = await keepPhotoOffline(store, new Blob(['bb'], { type: 'image/jpeg' }), 'b.jpg', 'org-1', 'pb');
    const uploaded = { fileId: 'f-1', name: 'a.jpg', size: 1, mime: 'image/jpeg', sha256: 'x'.repeat(64) };
    const values = { photos: [a, b], exits: { result: 'fail', photos: [a] }, note: 'n' };
    const calls: Array<[string, string]> = [];
    // when
    const out = await uploadPendingPhotos(values, store, async (_blob, name, _org, key) => {
      calls.push([name, key]);
      return { ...uploaded, fileId: `f-${key}`, name } as FileRef;
    });
    // then
    expect(calls).toEqual([['a.jpg', 'pa'], ['b.jpg', 'pb']]);
    expect(out.values).toEqual({
      photos: [{ ...uploaded, fileId: 'f-pa' }, { ...uploaded, fileId: 'f-pb', name: 'b.jpg' }],
      exits: { result: 'fail', photos: [{ ...uploaded, fileId: 'f-pa' }] },
      note: 'n',
    });
    expect(pendingRefs(out.values)).toEqual([]);
    expect(out.uploaded).toEqual(['pa', 'pb']);
    await forgetPhotos(store, out.uploaded);
    expect(store.size()).toBe(0);
  });

  it('a failed upload leaves the photos kept and the error thrown (the queue retries later)', async () => {
    // given
    const store = mapStore();
    const a = await keepPhotoOffline(store, new Blob(['a']), 'a.jpg', 'org-1', 'pa');
    // when
    const run = uploadPendingPhotos({ p: [a] }, store, async () => {
      throw new TypeError('Failed to fetch');
    });
    // then
    await expect(run).rejects.toThrow('Failed to fetch');
    expect(store.size()).toBe(1);
    await expect(uploadPendingPhotos({ p: [{ ...a, fileId: 'pending:gone' }] }, store, async () => a)).rejects.toThrow('no longer on this device');
  });
});
