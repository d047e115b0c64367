import { describe, expect, it } from 'vitest';
import { splitPngStream } from './splitPngStream';

/** A syntactically complete PNG: signature, one IHDR-like chunk, IEND (CRCs are not checked by the splitter). */
function png(tag: number): Buffer {
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    return Buffer.concat([len, Buffer.from(type, 'latin1'), data, Buffer.alloc(4)]);
  };
  return Buffer.concat([sig, chunk('IHDR', Buffer.from([tag, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0])), chunk('IEND', Buffer.alloc(0))]);
}

describe('splitPngStream', () => {
  it('splits back-to-back PNGs and drops a truncated tail', () => {
    const a = png(1);
    const b = png(2);
    const parts = splitPngStream(Buffer.concat([a, b, png(3).subarray(0, 20)]));
    expect(parts.map((p) => p.equals(a) || p.equals(b))).toEqual([true, true]);
    expect(parts[1].equals(b)).toBe(true);
    expect(splitPngStream(Buffer.from('not a png'))).toEqual([]);
  });
});
