/** An axis-aligned box in pixels: top-left (x1, y1), bottom-right (x2, y2). */
export interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** One detection: the best class of an anchor, its confidence and its box. */
export interface Detection {
  classId: number;
  confidence: number;
  box: Box;
  /** The class label, when the model's labels are known. */
  label?: string;
}

/** Output layouts a decoder understands (AI.md). */
export type OutputLayout = 'yolov8' | 'yolov5' | 'e2e';

/** Intersection over union of two boxes (0 when either is empty). */
export function iou(a: Box, b: Box): number {
  const iw = Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1);
  const ih = Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1);
  if (iw <= 0 || ih <= 0) return 0;
  const inter = iw * ih;
  const union = (a.x2 - a.x1) * (a.y2 - a.y1) + (b.x2 - b.x1) * (b.y2 - b.y1) - inter;
  return union > 0 ? inter / union : 0;
}

/** Share of `a`'s area that lies inside `b` (intersection over a's area). */
export function ioa(a: Box, b: Box): number {
  const iw = Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1);
  const ih = Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1);
  if (iw <= 0 || ih <= 0) return 0;
  const area = (a.x2 - a.x1) * (a.y2 - a.y1);
  return area > 0 ? (iw * ih) / area : 0;
}
