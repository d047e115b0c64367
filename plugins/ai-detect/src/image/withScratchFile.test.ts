import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { withScratchFile } from './withScratchFile';

const bytes = new Uint8Array([0xff, 0xd8, 1, 2, 3]);
const fallback = () => Promise.resolve('fallback');

describe('withScratchFile', () => {
  it('hands `use` a private file with the bytes and removes it afterwards, also when `use` throws', async () => {
    let seen = '';
    const got = await withScratchFile(bytes, '.jpg', async (file) => {
      seen = file;
      expect(path.dirname(file)).toBe(os.tmpdir());
      expect(file.endsWith('.jpg')).toBe(true);
      expect(new Uint8Array(fs.readFileSync(file))).toEqual(bytes);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      return 'used';
    }, fallback);
    expect(got).toBe('used');
    expect(fs.existsSync(seen)).toBe(false);
    await expect(
      withScratchFile(bytes, '.jpg', async (file) => {
        seen = file;
        throw new Error('decoder failed');
      }, fallback),
    ).rejects.toThrow('decoder failed');
    expect(fs.existsSync(seen)).toBe(false);
  });

  it('never writes through or removes a file already at its name: the fallback runs instead', async () => {
    let last = '';
    await withScratchFile(bytes, '.jpg', async (file) => {
      last = file;
      return 'used';
    }, fallback);
    const next = last.replace(/-(\d+)\.jpg$/, (_, n: string) => `-${Number(n) + 1}.jpg`);
    const planted = path.join(os.tmpdir(), `sf-planted-${process.pid}`);
    fs.writeFileSync(planted, 'not yours');
    fs.symlinkSync(planted, next);
    try {
      expect(await withScratchFile(bytes, '.jpg', () => Promise.resolve('used'), fallback)).toBe('fallback');
      expect(fs.readFileSync(planted, 'utf8')).toBe('not yours');
      expect(fs.lstatSync(next).isSymbolicLink()).toBe(true);
    } finally {
      fs.rmSync(next, { force: true });
      fs.rmSync(planted, { force: true });
    }
  });
});
