import { decodeOutput, type RawOutput } from './decodeOutput';
import type { Detection, OutputLayout } from './Detection';
import { classwiseNms } from './nms';
import { unletterbox, type Letterbox } from '../image/letterbox';

/** Thresholds of one detection run. */
export interface DetectThresholds {
  /** Minimum confidence (Ultralytics default 0.25). */
  confidence?: number;
  /** NMS IoU (default 0.7). */
  iou?: number;
  /** Most detections kept (default 300). */
  maxDetections?: number;
}

/** Decode → class-wise NMS (not for e2e outputs) → un-letterbox and clip → labels. */
export function postprocess(
  layout: OutputLayout,
  out: RawOutput,
  lb: Letterbox,
  thresholds: DetectThresholds = {},
  labels: readonly string[] = [],
): Detection[] {
  const candidates = decodeOutput(layout, out, thresholds.confidence ?? 0.25);
  const kept =
    layout === 'e2e'
      ? candidates.sort((a, b) => b.confidence - a.confidence).slice(0, thresholds.maxDetections ?? 300)
      : classwiseNms(candidates, { iouThreshold: thresholds.iou ?? 0.7, maxDetections: thresholds.maxDetections ?? 300 });
  return unletterbox(kept, lb).map((d) => (labels[d.classId] !== undefined ? { ...d, label: labels[d.classId] } : d));
}
