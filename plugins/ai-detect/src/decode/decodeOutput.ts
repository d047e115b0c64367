/**
 * Decoders of the three detector output layouts of AI.md. They read the raw output
 * tensor and return candidates in model-input pixels (before NMS and un-letterboxing):
 * the best class per anchor whose confidence reaches the threshold.
 */
import { SafeFlowAiError } from '../errors';
import type { Detection, OutputLayout } from './Detection';

/** A raw output tensor: its data and its dims. */
export interface RawOutput {
  data: Float32Array;
  dims: readonly number[];
}

/** Decides the layout of an output shape: `[1,K≤1000,6]` e2e, `[1,C,N]` with C < N YOLOv8, else YOLOv5. */
export function detectLayout(dims: readonly number[]): OutputLayout {
  if (dims.length !== 3 || dims[0] !== 1) throw new SafeFlowAiError('model.output_shape', `Unsupported detector output shape [${dims.join(', ')}]`, { dims });
  const [, a, b] = dims as [number, number, number];
  if (b === 6 && a <= 1000) return 'e2e';
  return a < b ? 'yolov8' : 'yolov5';
}

/** Number of classes an output of `layout` carries (e2e: unknown, -1). */
export function classCountOf(layout: OutputLayout, dims: readonly number[]): number {
  if (layout === 'yolov8') return dims[1]! - 4;
  if (layout === 'yolov5') return dims[2]! - 5;
  return -1;
}

/**
 * YOLOv8 / YOLO11 / YOLOv9 / YOLOv5u: `[1, 4+nc, N]`, rows cx cy w h then class scores.
 * Each class row is contiguous, so the scan goes row by row in memory order, and only scores
 * that reach the threshold are compared with the anchor's best so far: an anchor's best class
 * reaches the threshold exactly when one of its scores does, and then it is the best of those.
 */
export function decodeYolov8(out: RawOutput, threshold: number): Detection[] {
  const [, rows, n] = out.dims as [number, number, number];
  const nc = rows - 4;
  const d = out.data;
  const result: Detection[] = [];
  if (nc <= 0) return result;
  const score = new Float32Array(n).fill(-Infinity);
  const best = new Int32Array(n).fill(-1);
  for (let c = 0; c < nc; c++) {
    const row = (4 + c) * n;
    for (let i = 0; i < n; i++) {
      const s = d[row + i]!;
      if (s >= threshold && s > score[i]!) {
        score[i] = s;
        best[i] = c;
      }
    }
  }
  for (let i = 0; i < n; i++) {
    if (best[i]! < 0) continue;
    const cx = d[i]!, cy = d[n + i]!, w = d[2 * n + i]!, h = d[3 * n + i]!;
    result.push({ classId: best[i]!, confidence: score[i]!, box: { x1: cx - w / 2, y1: cy - h / 2, x2: cx + w / 2, y2: cy + h / 2 } });
  }
  return result;
}

/** YOLOv5 / YOLOv7: `[1, M, 5+nc]`, cx cy w h objectness class scores; confidence = objectness × class score. */
export function decodeYolov5(out: RawOutput, threshold: number): Detection[] {
  const [, m, cols] = out.dims as [number, number, number];
  const nc = cols - 5;
  const d = out.data;
  const result: Detection[] = [];
  for (let i = 0; i < m; i++) {
    const o = i * cols;
    const obj = d[o + 4]!;
    if (obj < threshold) continue; // class scores are ≤ 1, so obj × score < threshold
    let best = -1;
    let score = -Infinity;
    for (let c = 0; c < nc; c++) {
      const s = d[o + 5 + c]!;
      if (s > score) {
        score = s;
        best = c;
      }
    }
    const conf = obj * score;
    if (conf < threshold) continue;
    const cx = d[o]!, cy = d[o + 1]!, w = d[o + 2]!, h = d[o + 3]!;
    result.push({ classId: best, confidence: conf, box: { x1: cx - w / 2, y1: cy - h / 2, x2: cx + w / 2, y2: cy + h / 2 } });
  }
  return result;
}

/** End-to-end exports (YOLOv10, YOLO26, `nms=True`): `[1, K, 6]` x1 y1 x2 y2 score class. */
export function decodeEndToEnd(out: RawOutput, threshold: number): Detection[] {
  const [, k] = out.dims as [number, number, number];
  const d = out.data;
  const result: Detection[] = [];
  for (let i = 0; i < k; i++) {
    const o = i * 6;
    const score = d[o + 4]!;
    if (!(score >= threshold)) continue;
    result.push({ classId: Math.round(d[o + 5]!), confidence: score, box: { x1: d[o]!, y1: d[o + 1]!, x2: d[o + 2]!, y2: d[o + 3]! } });
  }
  return result;
}

/** Decodes `out` in `layout`. */
export function decodeOutput(layout: OutputLayout, out: RawOutput, threshold: number): Detection[] {
  if (layout === 'yolov8') return decodeYolov8(out, threshold);
  if (layout === 'yolov5') return decodeYolov5(out, threshold);
  return decodeEndToEnd(out, threshold);
}
