import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { detectFileType } from './detectFileType';
import { sampleFiles } from './sampleFiles';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sf-detect-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function detect(bytes: Buffer, declaredName: string) {
  const file = path.join(dir, `${Math.random().toString(36).slice(2)}`);
  fs.writeFileSync(file, bytes);
  return detectFileType(file, declaredName);
}

describe('detectFileType', () => {
  it.each([
    ['png', () => sampleFiles.png(), 'x.bin', 'image/png'],
    ['jpeg', () => sampleFiles.jpeg(), 'x', 'image/jpeg'],
    ['pdf', () => sampleFiles.pdf(), 'report.txt', 'application/pdf'],
    ['xlsx', () => sampleFiles.xlsx(), 'ledger.zip', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['csv', () => sampleFiles.csv(), '台账.csv', 'text/csv'],
    ['txt', () => Buffer.from('巡查记录\n'), 'note.TXT', 'text/plain'],
  ])('accepts %s by its content, whatever the name says', async (_kind, make, name, mime) => {
    // given
    const bytes = await make();
    // when
    const type = await detect(bytes, name);
    // then
    expect(type.mime).toBe(mime);
  });

  it.each([
    ['an ELF executable named photo.jpg', () => sampleFiles.elf(), 'photo.jpg'],
    ['a PE executable named report.pdf', () => sampleFiles.pe(), 'report.pdf'],
    ['an SVG with script', () => sampleFiles.svg(false), 'logo.svg'],
    ['an SVG with an XML declaration named .txt', () => sampleFiles.svg(true), 'logo.txt'],
    ['HTML named .txt', () => sampleFiles.html(), 'page.txt'],
    ['a shell script named .txt', () => sampleFiles.script(), 'run.txt'],
    ['text with NUL bytes', () => Buffer.from('a\u0000b'), 'a.txt'],
    ['invalid UTF-8', () => Buffer.from([0x61, 0xff, 0xfe, 0x62]), 'a.csv'],
    ['text without a text extension', () => Buffer.from('hello'), 'hello.md'],
  ])('rejects %s with 415 file.type_not_allowed', async (_kind, make, name) => {
    // given
    const bytes = make();
    // when
    const result = detect(bytes, name);
    // then
    await expect(result).rejects.toMatchObject({ code: 'file.type_not_allowed', status: 415 });
  });
});
