import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { computeLetterbox } from './letterbox';
import { preprocess } from './preprocess';

/** The reference: sharp pads the resized image (extend), then a naive HWC → CHW / 255. */
async function reference(png: Buffer, size: number): Promise<Float32Array> {
  const meta = await sharp(png).metadata();
  const lb = computeLetterbox(meta.width!, meta.height!, size);
  const rgb = await sharp(png)
    .removeAlpha()
    .resize(lb.newWidth, lb.newHeight, { kernel: 'linear', fit: 'fill' })
    .extend({ top: lb.top, bottom: lb.bottom, left: lb.left, right: lb.right, background: { r: 114, g: 114, b: 114 } })
    .raw()
    .toBuffer();
  const plane = size * size;
  const out = new Float32Array(3 * plane);
  for (let i = 0; i < plane; i++) for (let c = 0; c < 3; c++) out[c * plane + i] = rgb[i * 3 + c]! / 255;
  return out;
}

function noisyPng(width: number, height: number): Promise<Buffer> {
  const px = Buffer.alloc(width * height * 3);
  let s = 7;
  for (let i = 0; i < px.length; i++) px[i] = (s = (s * 1103515245 + 12345) & 0x7fffffff) >> 23;
  return sharp(px, { raw: { width, height, channels: 3 } }).png().toBuffer();
}

describe('preprocess writes the letterboxed image straight into the tensor', () => {
  it.each([
    [1280, 720, 640],
    [720, 1280, 640],
    [333, 517, 320],
    [640, 640, 640],
  ])('%i×%i into %i equals sharp extend + CHW, padding grey 114, and reuses the given buffer', async (w, h, size) => {
    const png = await noisyPng(w, h);
    const want = await reference(png, size);
    const into = new Float32Array(3 * size * size).fill(9); // stale values from an earlier image
    const got = await preprocess(new Uint8Array(png), size, into);
    expect(got.tensor).toBe(into);
    let worst = 0;
    for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(got.tensor[i]! - want[i]!));
    expect(worst).toBeLessThan(1e-6);
    expect(got.letterbox).toEqual(computeLetterbox(w, h, size));
  });
});
