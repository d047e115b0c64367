import { describe, expect, it } from 'vitest';
import type { Detection } from './Detection';
import { iou } from './Detection';
import { classwiseNms } from './nms';

const det = (classId: number, confidence: number, x1: number, y1: number, x2: number, y2: number): Detection => ({ classId, confidence, box: { x1, y1, x2, y2 } });

describe('classwiseNms', () => {
  it('suppresses overlaps above the IoU threshold within a class only', () => {
    const a = det(0, 0.9, 0, 0, 100, 100);
    const b = det(0, 0.8, 5, 5, 105, 105); // IoU 0.82 with a
    const c = det(1, 0.7, 5, 5, 105, 105); // other class: kept
    const d = det(0, 0.6, 30, 0, 130, 100); // IoU 0.54 with a: kept at 0.7
    expect(iou(a.box, b.box)).toBeCloseTo(9025 / 10975, 6);
    expect(classwiseNms([d, c, b, a])).toEqual([a, c, d]);
    expect(classwiseNms([d, c, b, a], { iouThreshold: 0.5 })).toEqual([a, c]);
  });

  it('keeps at most maxDetections, best first', () => {
    const many = Array.from({ length: 10 }, (_, i) => det(0, i / 10, i * 200, 0, i * 200 + 100, 100));
    const kept = classwiseNms(many, { maxDetections: 3 });
    expect(kept.map((k) => k.confidence)).toEqual([0.9, 0.8, 0.7]);
  });
});
