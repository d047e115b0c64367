import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { MAX_PACK_BYTES, packFilesFromPicked, packFilesFromZip, PackUploadError, stripCommonRoot, zipPackFiles } from './readPackUpload';

const picked = (files: Record<string, string>) =>
  Object.entries(files).map(([path, text]) => ({ path, size: text.length, text: async () => text }));

describe('readPackUpload', () => {
  it('a picked folder loses its own name; hidden files and macOS metadata are skipped', async () => {
    // given
    const upload = picked({ 'mini/manifest.json': '{}', 'mini/forms/a.json': 'A', 'mini/.DS_Store': 'x', 'mini/.git/HEAD': 'ref' });
    // when
    const files = await packFilesFromPicked(upload);
    // then
    expect(files).toEqual({ 'manifest.json': '{}', 'forms/a.json': 'A' });
  });

  it('paths stay as they are when the manifest is already at the top or the tops differ', () => {
    // when
    const top = stripCommonRoot(['manifest.json', 'forms/a.json']);
    const mixed = stripCommonRoot(['a/manifest.json', 'b/forms/a.json']);
    // then
    expect([...top.values()]).toEqual(['manifest.json', 'forms/a.json']);
    expect([...mixed.values()]).toEqual(['a/manifest.json', 'b/forms/a.json']);
  });

  it('an empty or oversized upload is refused with a reason', async () => {
    // when
    const empty = packFilesFromPicked(picked({ '.hidden': 'x' }));
    const big = packFilesFromPicked([{ path: 'manifest.json', size: MAX_PACK_BYTES + 1, text: async () => '' }]);
    // then
    await expect(empty).rejects.toMatchObject({ reason: 'empty' });
    await expect(big).rejects.toBeInstanceOf(PackUploadError);
    await expect(big).rejects.toMatchObject({ reason: 'too_large' });
  });

  it('an exported zip reads back to the same files; a non-zip is refused', async () => {
    // given
    const files = { 'manifest.json': '{"id":"mini"}\n', 'forms/mini-check.json': '{"key":"mini-check"}\n', 'processes/p.bpmn': '<definitions/>' };
    const blob = await zipPackFiles('mini', files);
    // when
    const back = await packFilesFromZip(new Uint8Array(await blob.arrayBuffer()));
    const names = Object.keys((await JSZip.loadAsync(new Uint8Array(await blob.arrayBuffer()))).files).filter((n) => !n.endsWith('/'));
    // then
    expect(back).toEqual(files);
    expect(names.sort()).toEqual(['mini/forms/mini-check.json', 'mini/manifest.json', 'mini/processes/p.bpmn']);
    await expect(packFilesFromZip(new TextEncoder().encode('not a zip'))).rejects.toMatchObject({ reason: 'not_zip' });
  });
});
