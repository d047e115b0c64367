/** Anchor cells of a YOLOv8-style head: strides 8, 16 and 32 over a square input (8400 cells at 640). */
export interface AnchorCell {
  /** Index of the cell in the flattened output (level-major, then row, then column). */
  index: number;
  stride: number;
  cx: number;
  cy: number;
}

/** Strides of the three detection levels. */
export const STRIDES = [8, 16, 32] as const;

/** The anchor cells of an input of `size` pixels, in output order. */
export function anchorGrid(size: number): AnchorCell[] {
  const cells: AnchorCell[] = [];
  for (const stride of STRIDES) {
    const n = size / stride;
    if (!Number.isInteger(n)) throw new Error(`input size ${size} is not a multiple of ${stride}`);
    for (let y = 0; y < n; y++) {
      for (let x = 0; x < n; x++) cells.push({ index: cells.length, stride, cx: (x + 0.5) * stride, cy: (y + 0.5) * stride });
    }
  }
  return cells;
}
