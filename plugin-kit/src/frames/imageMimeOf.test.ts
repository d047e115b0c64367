import { describe, expect, it } from 'vitest';
import { imageMimeOf } from './imageMimeOf';

const PNG_START = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]; // signature, IHDR length and type
const JFIF_START = [0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0]; // SOI, APP0 "JFIF"
const WEBP_START = [...Buffer.from('RIFF'), 0x24, 0, 0, 0, ...Buffer.from('WEBPVP8 ')];

describe('imageMimeOf', () => {
  it('tells PNG and JPEG by their first bytes, and nothing else', () => {
    expect(imageMimeOf(new Uint8Array(PNG_START))).toBe('image/png');
    expect(imageMimeOf(Buffer.from(JFIF_START))).toBe('image/jpeg');
    expect(imageMimeOf(new Uint8Array(WEBP_START))).toBeNull();
    expect(imageMimeOf(Buffer.from('\x89PNG but not really'))).toBeNull();
    expect(imageMimeOf(new Uint8Array(PNG_START.slice(0, 7)))).toBeNull();
    expect(imageMimeOf(new Uint8Array([0xff, 0xd8]))).toBeNull();
    expect(imageMimeOf(new Uint8Array())).toBeNull();
  });
});
