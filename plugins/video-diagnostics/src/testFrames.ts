import sharp from 'sharp';

/** Deterministic pseudo-random numbers (mulberry32) for generated test frames. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const W = 320;
const H = 240;

/**
 * A clean textured scene for tests (PNG, 320×240): grey-level blocks and
 * stripes of many sizes with small, balanced colour variation and a little
 * sensor noise (`seed` changes only the noise, so two seeds are two live
 * frames of the same scene).
 */
export async function cleanFrame(seed = 1): Promise<Buffer> {
  const scene = rng(42);
  const noise = rng(seed);
  const blocks: Array<[number, number, number, number, number, number, number]> = [];
  for (let i = 0; i < 60; i++) {
    const w = 8 + Math.floor(scene() * 60);
    const h = 8 + Math.floor(scene() * 60);
    const g = 30 + scene() * 190;
    blocks.push([Math.floor(scene() * W), Math.floor(scene() * H), w, h, g + (scene() - 0.5) * 40, g + (scene() - 0.5) * 40, g + (scene() - 0.5) * 40]);
  }
  const data = Buffer.alloc(W * H * 3);
  for (let r = 0; r < H; r++) {
    for (let c = 0; c < W; c++) {
      let v = [110 + 50 * Math.sin(c / 5) * Math.cos(r / 7), 0, 0];
      v = [v[0], v[0], v[0]];
      for (const [x, y, w, h, R, G, B] of blocks) if (c >= x && c < x + w && r >= y && r < y + h) v = [R, G, B];
      const p = (r * W + c) * 3;
      for (let k = 0; k < 3; k++) data[p + k] = clamp(v[k] + (noise() - 0.5) * 6);
    }
  }
  return sharp(data, { raw: { width: W, height: H, channels: 3 } }).png().toBuffer();
}

/** A frame of one flat colour with a little noise (black: `[4,4,4]`, white: `[253,253,253]`). */
export async function flatFrame(rgb: [number, number, number], seed = 1): Promise<Buffer> {
  const noise = rng(seed);
  const data = Buffer.alloc(W * H * 3);
  for (let i = 0; i < W * H; i++) for (let k = 0; k < 3; k++) data[i * 3 + k] = clamp(rgb[k] + (noise() - 0.5) * 4);
  return sharp(data, { raw: { width: W, height: H, channels: 3 } }).png().toBuffer();
}

/** `image` blurred (Gaussian, sigma). */
export function blurred(image: Buffer, sigma = 4): Promise<Buffer> {
  return sharp(image).blur(sigma).png().toBuffer();
}

/** `image` tinted: every channel shifted by `delta` (a white-balance fault keeps the contrast). */
export async function tinted(image: Buffer, delta: [number, number, number] = [45, 10, -45]): Promise<Buffer> {
  const { data, info } = await sharp(image).raw().toBuffer({ resolveWithObject: true });
  for (let i = 0; i < data.length; i += 3) for (let k = 0; k < 3; k++) data[i + k] = clamp(data[i + k] + delta[k]);
  return sharp(data, { raw: { width: info.width, height: info.height, channels: 3 } }).png().toBuffer();
}

/** `image` with its left half covered by a flat dark board (a lens cap, a sign, a bag). */
export async function halfCovered(image: Buffer): Promise<Buffer> {
  const { data, info } = await sharp(image).raw().toBuffer({ resolveWithObject: true });
  for (let r = 0; r < info.height; r++) for (let c = 0; c < info.width / 2; c++) for (let k = 0; k < 3; k++) data[(r * info.width + c) * 3 + k] = 48;
  return sharp(data, { raw: { width: info.width, height: info.height, channels: 3 } }).png().toBuffer();
}

function clamp(v: number): number {
  return Math.max(0, Math.min(255, Math.round(v)));
}
