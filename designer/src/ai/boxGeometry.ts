import type { Box } from './aiApi';

/** A corner handle of a box. */
export type Corner = 'nw' | 'ne' | 'sw' | 'se';

/** Smallest box side (image pixels) a drag can make. */
export const MIN_SIDE = 4;

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
const round = (v: number) => Math.round(v * 10) / 10;

/** A point on the displayed image (client pixels) in image pixels, clipped to the image. */
export function toImagePoint(clientX: number, clientY: number, rect: { left: number; top: number; width: number; height: number }, width: number, height: number): { x: number; y: number } {
  return {
    x: clamp(((clientX - rect.left) / rect.width) * width, 0, width),
    y: clamp(((clientY - rect.top) / rect.height) * height, 0, height),
  };
}

/** `box` moved by (dx, dy), kept whole inside the width × height image. */
export function moveBox(box: Box, dx: number, dy: number, width: number, height: number): Box {
  const w = box.x2 - box.x1;
  const h = box.y2 - box.y1;
  const x1 = clamp(box.x1 + dx, 0, width - w);
  const y1 = clamp(box.y1 + dy, 0, height - h);
  return { x1: round(x1), y1: round(y1), x2: round(x1 + w), y2: round(y1 + h) };
}

/** `box` with `corner` dragged to (x, y): the opposite corner stays, sides at least {@link MIN_SIDE}, inside the image. */
export function resizeBox(box: Box, corner: Corner, x: number, y: number, width: number, height: number): Box {
  const px = clamp(x, 0, width);
  const py = clamp(y, 0, height);
  const b = { ...box };
  if (corner === 'nw' || corner === 'sw') b.x1 = Math.min(px, b.x2 - MIN_SIDE);
  else b.x2 = Math.max(px, b.x1 + MIN_SIDE);
  if (corner === 'nw' || corner === 'ne') b.y1 = Math.min(py, b.y2 - MIN_SIDE);
  else b.y2 = Math.max(py, b.y1 + MIN_SIDE);
  return { x1: round(clamp(b.x1, 0, width)), y1: round(clamp(b.y1, 0, height)), x2: round(clamp(b.x2, 0, width)), y2: round(clamp(b.y2, 0, height)) };
}

/** A new box of a tenth of the image's smaller side, centred. */
export function newBox(width: number, height: number): Box {
  const s = Math.max(MIN_SIDE, Math.round(Math.min(width, height) / 10));
  const x1 = Math.round((width - s) / 2);
  const y1 = Math.round((height - s) / 2);
  return { x1, y1, x2: x1 + s, y2: y1 + s };
}
