import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { computeLetterbox } from './letterbox';
import { jpegShrinkFor, preprocess } from './preprocess';

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

/** A smooth 1280×720-ish frame (gradients and a patch), as a camera JPEG would hold. */
function cameraFrame(width: number, height: number): Buffer {
  const px = Buffer.alloc(width * height * 3);
  for (let y = 0, i = 0; y < height; y++)
    for (let x = 0; x < width; x++, i += 3) {
      const patch = x > width / 4 && x < width / 3 && y > height / 3 && y < height / 2;
      px[i] = patch ? 230 : Math.round((255 * x) / width);
      px[i + 1] = patch ? 20 : Math.round((255 * y) / height);
      px[i + 2] = 128;
    }
  return px;
}

/** OpenCV's INTER_LINEAR at exactly 2× (what Ultralytics letterboxes with): the mean of each 2×2 block. */
function mean2x2(rgb: Buffer, width: number, height: number): Buffer {
  const w = width / 2;
  const h = height / 2;
  const out = Buffer.alloc(w * h * 3);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++)
      for (let c = 0; c < 3; c++) {
        const at = (yy: number, xx: number) => rgb[(yy * width + xx) * 3 + c]!;
        out[(y * w + x) * 3 + c] = Math.round((at(2 * y, 2 * x) + at(2 * y, 2 * x + 1) + at(2 * y + 1, 2 * x) + at(2 * y + 1, 2 * x + 1)) / 4);
      }
  return out;
}

describe('preprocess of a large JPEG decodes it shrunk by libjpeg', () => {
  it('picks the largest decode shrink that leaves at least the letterbox size', () => {
    expect(jpegShrinkFor(1280, 720, 640, 360)).toBe(2);
    expect(jpegShrinkFor(1280, 720, 320, 180)).toBe(4);
    expect(jpegShrinkFor(1920, 1080, 640, 360)).toBe(2); // 960×540, then a linear 1.5×
    expect(jpegShrinkFor(1281, 721, 640, 360)).toBe(2); // libjpeg rounds up: 641×361
    expect(jpegShrinkFor(1200, 700, 640, 373)).toBe(1); // half would be 600 wide
    expect(jpegShrinkFor(5120, 2880, 640, 360)).toBe(8);
    expect(jpegShrinkFor(640, 640, 640, 640)).toBe(1);
  });

  it('gives a 1280×720 camera JPEG at 640 the 2×2 mean that OpenCV letterboxes with, within JPEG noise, and leaves no scratch file', async () => {
    const rgb = cameraFrame(1280, 720);
    const jpeg = await sharp(rgb, { raw: { width: 1280, height: 720, channels: 3 } }).jpeg({ quality: 95 }).toBuffer();
    const decoded = await sharp(jpeg).raw().toBuffer();
    const want = mean2x2(decoded, 1280, 720); // the same JPEG decoded in full, then OpenCV's 2×
    const got = await preprocess(new Uint8Array(jpeg), 640);
    const lb = got.letterbox;
    expect(lb).toEqual(computeLetterbox(1280, 720, 640));
    const plane = 640 * 640;
    let sum = 0;
    let off = 0;
    for (let y = 0; y < lb.newHeight; y++)
      for (let x = 0; x < lb.newWidth; x++)
        for (let c = 0; c < 3; c++) {
          const d = Math.abs(got.tensor[c * plane + (lb.top + y) * 640 + x]! * 255 - want[(y * 640 + x) * 3 + c]!);
          sum += d;
          if (d > 4) off++;
        }
    const n = lb.newWidth * lb.newHeight * 3;
    expect(sum / n).toBeLessThan(0.5); // grey levels (measured 0.11; libvips' linear reduce of the full decode: 0.09)
    expect(off / n).toBeLessThan(0.01); // more than 4 levels off: along the patch's edges only (measured 0.13 %)
    expect(got.tensor[0]).toBeCloseTo(114 / 255, 6); // padding untouched by the decode
    expect(fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith(`safeflow-frame-${process.pid}-`))).toEqual([]);
  });

  it('decodes in full (the same pixels as sharp without the shrink) when no scratch file can be named', async () => {
    const rgb = cameraFrame(1280, 720);
    const jpeg = await sharp(rgb, { raw: { width: 1280, height: 720, channels: 3 } }).jpeg({ quality: 90 }).toBuffer();
    const bracketed = fs.mkdtempSync(path.join(os.tmpdir(), 'sf[tmp]-'));
    const before = process.env.TMPDIR;
    process.env.TMPDIR = bracketed;
    try {
      const got = await preprocess(new Uint8Array(jpeg), 640);
      const want = await reference(jpeg, 640);
      let worst = 0;
      for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(got.tensor[i]! - want[i]!));
      expect(worst).toBeLessThan(1e-6);
    } finally {
      if (before === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = before;
      fs.rmSync(bracketed, { recursive: true, force: true });
    }
  });

  it('rejects a truncated JPEG with detect.image_unreadable and removes its scratch file', async () => {
    const jpeg = await sharp(cameraFrame(1280, 720), { raw: { width: 1280, height: 720, channels: 3 } }).jpeg().toBuffer();
    await expect(preprocess(new Uint8Array(jpeg.subarray(0, jpeg.length >> 1)), 640)).rejects.toMatchObject({ code: 'detect.image_unreadable' });
    expect(fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith(`safeflow-frame-${process.pid}-`))).toEqual([]);
  });
});
