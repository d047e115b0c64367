import type { RgbFrame } from './decodeFrame';

/** Number of grid cells per side for the occlusion check (GRID × GRID cells). */
export const GRID = 4;

/** Luma (BT.601) of every pixel, 0..255. */
export function lumaOf(f: RgbFrame): Float32Array {
  const n = f.width * f.height;
  const y = new Float32Array(n);
  for (let i = 0, p = 0; i < n; i++, p += 3) y[i] = 0.299 * f.data[p] + 0.587 * f.data[p + 1] + 0.114 * f.data[p + 2];
  return y;
}

/** Mean luma, share of dark pixels (≤ 10 % luma, as ffmpeg blackdetect) and of saturated pixels (≥ 98 % luma). */
export function exposure(y: Float32Array): { meanLuma: number; darkShare: number; saturatedShare: number } {
  let sum = 0;
  let dark = 0;
  let sat = 0;
  for (const v of y) {
    sum += v;
    if (v <= 25.5) dark++;
    if (v >= 250) sat++;
  }
  return { meanLuma: sum / y.length, darkShare: dark / y.length, saturatedShare: sat / y.length };
}

/** Variance of the 4-neighbour Laplacian of the luma (blur measure: low = blurred). */
export function laplacianVariance(y: Float32Array, w: number, h: number): number {
  let sum = 0;
  let sum2 = 0;
  let n = 0;
  for (let r = 1; r < h - 1; r++) {
    for (let c = 1; c < w - 1; c++) {
      const i = r * w + c;
      const l = y[i - w] + y[i + w] + y[i - 1] + y[i + 1] - 4 * y[i];
      sum += l;
      sum2 += l * l;
      n++;
    }
  }
  const mean = sum / n;
  return sum2 / n - mean * mean;
}

/** Sobel gradient magnitude above which a pixel counts as an edge. */
export const EDGE_MAGNITUDE = 60;

/** Share of edge pixels overall and per grid cell (row-major, {@link GRID}²). */
export function edgeDensity(y: Float32Array, w: number, h: number): { overall: number; cells: number[] } {
  const cellEdges = new Array<number>(GRID * GRID).fill(0);
  const cellPixels = new Array<number>(GRID * GRID).fill(0);
  let edges = 0;
  let n = 0;
  for (let r = 1; r < h - 1; r++) {
    for (let c = 1; c < w - 1; c++) {
      const i = r * w + c;
      const gx = y[i - w + 1] + 2 * y[i + 1] + y[i + w + 1] - y[i - w - 1] - 2 * y[i - 1] - y[i + w - 1];
      const gy = y[i + w - 1] + 2 * y[i + w] + y[i + w + 1] - y[i - w - 1] - 2 * y[i - w] - y[i - w + 1];
      const cell = Math.min(GRID - 1, Math.floor((r * GRID) / h)) * GRID + Math.min(GRID - 1, Math.floor((c * GRID) / w));
      cellPixels[cell]++;
      n++;
      if (Math.hypot(gx, gy) > EDGE_MAGNITUDE) {
        edges++;
        cellEdges[cell]++;
      }
    }
  }
  return { overall: edges / n, cells: cellEdges.map((e, k) => (cellPixels[k] ? e / cellPixels[k] : 0)) };
}

/** Mean absolute luma difference between two frames of the same size (0..255). */
export function meanAbsDiff(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += Math.abs(a[i] - b[i]);
  return s / a.length;
}

/**
 * Colour cast factor K = D / M in CIE Lab (sRGB, D65): D is the distance of
 * the mean (a, b) from the neutral axis, M the mean absolute deviation of
 * (a, b) around that mean. K > 1 means the colours are shifted as a whole
 * more than they vary (a cast). Also returns the means.
 */
export function colourCast(f: RgbFrame): { castK: number; meanA: number; meanB: number } {
  const n = f.width * f.height;
  const A = new Float32Array(n);
  const B = new Float32Array(n);
  let sa = 0;
  let sb = 0;
  for (let i = 0, p = 0; i < n; i++, p += 3) {
    const [, a, b] = rgbToLab(f.data[p], f.data[p + 1], f.data[p + 2]);
    A[i] = a;
    B[i] = b;
    sa += a;
    sb += b;
  }
  const da = sa / n;
  const db = sb / n;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += Math.abs(A[i] - da);
    mb += Math.abs(B[i] - db);
  }
  const D = Math.hypot(da, db);
  const M = Math.hypot(ma / n, mb / n);
  return { castK: M < 1e-6 ? (D < 1 ? 0 : 99) : D / M, meanA: da, meanB: db };
}

const lin = (v: number) => {
  const c = v / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
};
const fLab = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116);

/** sRGB (0..255) → CIE L*a*b* (D65). */
export function rgbToLab(r: number, g: number, b: number): [number, number, number] {
  const R = lin(r);
  const G = lin(g);
  const B = lin(b);
  const x = (0.4124564 * R + 0.3575761 * G + 0.1804375 * B) / 0.95047;
  const y = 0.2126729 * R + 0.7151522 * G + 0.072175 * B;
  const z = (0.0193339 * R + 0.119192 * G + 0.9503041 * B) / 1.08883;
  const fx = fLab(x);
  const fy = fLab(y);
  const fz = fLab(z);
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}
