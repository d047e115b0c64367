/**
 * Synthetic test frames: a grey (114) canvas with solid colour squares, and the cell
 * placement that makes a square cover exactly one anchor cell of the colour-patch model.
 */
import sharp from 'sharp';
import type { Box } from '../decode/Detection';
import { computeLetterbox } from '../image/letterbox';
import { PATCH_COLOURS, type PatchColour } from './buildColourPatchModel';

/** One square on a synthetic frame, in original pixels. */
export interface Patch {
  colour: PatchColour;
  box: Box;
}

/**
 * The original-image box that letterboxes exactly onto the cell (col, row) of `stride`
 * for a `width` × `height` frame and model input `size`.
 */
export function cellBox(width: number, height: number, size: number, stride: number, col: number, row: number): Box {
  const lb = computeLetterbox(width, height, size);
  return {
    x1: (col * stride - lb.left) / lb.ratio,
    y1: (row * stride - lb.top) / lb.ratio,
    x2: ((col + 1) * stride - lb.left) / lb.ratio,
    y2: ((row + 1) * stride - lb.top) / lb.ratio,
  };
}

/** Raw RGB pixels of a grey frame with `patches` painted on it. */
export function paintFrame(width: number, height: number, patches: Patch[]): Buffer {
  const data = Buffer.alloc(width * height * 3, 114);
  for (const p of patches) {
    const rgb = PATCH_COLOURS[p.colour].map((c) => c * 255);
    for (let y = Math.round(p.box.y1); y < Math.round(p.box.y2); y++) {
      for (let x = Math.round(p.box.x1); x < Math.round(p.box.x2); x++) {
        const o = (y * width + x) * 3;
        data[o] = rgb[0]!;
        data[o + 1] = rgb[1]!;
        data[o + 2] = rgb[2]!;
      }
    }
  }
  return data;
}

/** The frame as PNG bytes. */
export async function syntheticPng(width: number, height: number, patches: Patch[]): Promise<Buffer> {
  return sharp(paintFrame(width, height, patches), { raw: { width, height, channels: 3 } }).png().toBuffer();
}
