import type { RgbFrame } from './decodeFrame';
import { lumaOf } from './imageMetrics';

/** Side of the square pixel blocks averaged into one signature value. */
export const SIGNATURE_BLOCK = 4;

/**
 * A frame's picture signature for the frozen check across checks: the mean luma of every
 * 4×4 block of the analysis frame (320 px wide → 80 × 60 values), rounded to whole levels,
 * as base64 with the grid's width in front (`80:` …). A few KB; two frames of a frozen
 * stream give the same signature, two frames of a live sensor differ by its noise.
 */
export function pictureSignature(f: RgbFrame): string {
  const y = lumaOf(f);
  const w = Math.floor(f.width / SIGNATURE_BLOCK);
  const h = Math.floor(f.height / SIGNATURE_BLOCK);
  const out = new Uint8Array(w * h);
  for (let by = 0; by < h; by++) {
    for (let bx = 0; bx < w; bx++) {
      let s = 0;
      for (let dy = 0; dy < SIGNATURE_BLOCK; dy++) {
        const row = (by * SIGNATURE_BLOCK + dy) * f.width + bx * SIGNATURE_BLOCK;
        for (let dx = 0; dx < SIGNATURE_BLOCK; dx++) s += y[row + dx]!;
      }
      out[by * w + bx] = Math.round(s / (SIGNATURE_BLOCK * SIGNATURE_BLOCK));
    }
  }
  return `${w}:${Buffer.from(out).toString('base64')}`;
}

/** Mean absolute difference of two signatures (0..255); Infinity when their grids differ (another resolution or aspect). */
export function signatureDiff(a: string, b: string): number {
  const [wa, da] = a.split(':');
  const [wb, db] = b.split(':');
  if (wa !== wb || !da || !db) return Infinity;
  const x = Buffer.from(da, 'base64');
  const z = Buffer.from(db, 'base64');
  if (x.length !== z.length || x.length === 0) return Infinity;
  let s = 0;
  for (let i = 0; i < x.length; i++) s += Math.abs(x[i]! - z[i]!);
  return s / x.length;
}
