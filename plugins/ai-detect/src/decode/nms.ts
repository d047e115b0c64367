import { type Detection, iou } from './Detection';

/** Options of {@link classwiseNms}. */
export interface NmsOptions {
  /** Boxes of the same class overlapping more than this are suppressed (Ultralytics default 0.7). */
  iouThreshold?: number;
  /** At most this many detections are kept (default 300). */
  maxDetections?: number;
}

/**
 * Greedy non-maximum suppression per class: candidates are taken by decreasing
 * confidence; one is dropped when a kept detection of the same class overlaps it
 * by more than the IoU threshold. Boxes of different classes never suppress each other.
 */
export function classwiseNms(candidates: Detection[], options: NmsOptions = {}): Detection[] {
  const iouThreshold = options.iouThreshold ?? 0.7;
  const max = options.maxDetections ?? 300;
  const sorted = [...candidates].sort((a, b) => b.confidence - a.confidence);
  const keptByClass = new Map<number, Detection[]>();
  const kept: Detection[] = [];
  for (const c of sorted) {
    if (kept.length >= max) break;
    const same = keptByClass.get(c.classId) ?? [];
    if (same.some((k) => iou(k.box, c.box) > iouThreshold)) continue;
    same.push(c);
    keptByClass.set(c.classId, same);
    kept.push(c);
  }
  return kept;
}
