import { describe, expect, it } from 'vitest';
import { decodeEndToEnd, decodeYolov5, decodeYolov8, detectLayout } from './decodeOutput';

describe('decoders', () => {
  it('picks the layout from the output shape', () => {
    expect(detectLayout([1, 84, 8400])).toBe('yolov8');
    expect(detectLayout([1, 6, 8400])).toBe('yolov8'); // 2 classes
    expect(detectLayout([1, 25200, 85])).toBe('yolov5');
    expect(detectLayout([1, 300, 6])).toBe('e2e');
    expect(() => detectLayout([84, 8400])).toThrow(/Unsupported detector output shape/);
  });

  it('YOLOv8: best class per anchor, threshold, cx cy w h → corners', () => {
    // 2 classes, 3 anchors; rows: cx, cy, w, h, s0, s1
    const n = 3;
    const data = Float32Array.from([10, 50, 90, 10, 50, 90, 4, 4, 8, 2, 2, 8, 0.1, 0.9, 0.3, 0.2, 0.4, 0.26]);
    const out = decodeYolov8({ data, dims: [1, 6, n] }, 0.25);
    expect(out).toEqual([
      { classId: 0, confidence: expect.closeTo(0.9, 6), box: { x1: 48, y1: 49, x2: 52, y2: 51 } },
      { classId: 0, confidence: expect.closeTo(0.3, 6), box: { x1: 86, y1: 86, x2: 94, y2: 94 } },
    ]);
  });

  it('YOLOv8: equals the plain argmax-then-threshold decoder on a random 80-class output', () => {
    const n = 2000;
    const nc = 80;
    const data = new Float32Array((4 + nc) * n);
    let seed = 42;
    const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let i = 0; i < data.length; i++) data[i] = i < 4 * n ? rnd() * 640 : rnd() ** 8; // few scores reach the threshold
    const want = [];
    for (let i = 0; i < n; i++) {
      let best = 0;
      for (let c = 1; c < nc; c++) if (data[(4 + c) * n + i]! > data[(4 + best) * n + i]!) best = c;
      const conf = data[(4 + best) * n + i]!;
      if (conf < 0.25) continue;
      const [cx, cy, w, h] = [data[i]!, data[n + i]!, data[2 * n + i]!, data[3 * n + i]!];
      want.push({ classId: best, confidence: conf, box: { x1: cx - w / 2, y1: cy - h / 2, x2: cx + w / 2, y2: cy + h / 2 } });
    }
    expect(want.length).toBeGreaterThan(100);
    expect(decodeYolov8({ data, dims: [1, 4 + nc, n] }, 0.25)).toEqual(want);
  });

  it('YOLOv5: confidence = objectness × class score', () => {
    const data = Float32Array.from([
      10, 10, 4, 4, 0.5, 0.9, 0.1, // 0.45 class 0
      20, 20, 4, 4, 0.2, 0.1, 1.0, // objectness below threshold
      30, 30, 2, 2, 0.9, 0.2, 0.6, // 0.54 class 1
    ]);
    const out = decodeYolov5({ data, dims: [1, 3, 7] }, 0.25);
    expect(out.map((d) => [d.classId, Number(d.confidence.toFixed(4)), d.box.x1])).toEqual([
      [0, 0.45, 8],
      [1, 0.54, 29],
    ]);
  });

  it('end-to-end: rows above the threshold as they are', () => {
    const data = Float32Array.from([1, 2, 3, 4, 0.8, 2, 5, 6, 7, 8, 0.1, 0]);
    expect(decodeEndToEnd({ data, dims: [1, 2, 6] }, 0.25)).toEqual([{ classId: 2, confidence: expect.closeTo(0.8, 6), box: { x1: 1, y1: 2, x2: 3, y2: 4 } }]);
  });
});
