import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { buildColourPatchModel, V5_OBJECTNESS, type PatchClass } from '../testModels/buildColourPatchModel';
import { cellBox, paintFrame, syntheticPng } from '../testModels/syntheticFrame';
import { DetectorSession } from './DetectorSession';

const classes: PatchClass[] = [
  { label: 'person', colour: 'red', stride: 32 },
  { label: 'safehat', colour: 'green', stride: 16 },
  { label: 'telephone', colour: 'blue', stride: 8 },
];
const labels = classes.map((c) => c.label);
const W = 1280;
const H = 720;
const person = cellBox(W, H, 640, 32, 5, 7);
const hat = cellBox(W, H, 640, 16, 24, 20);
const phone = cellBox(W, H, 640, 8, 60, 40);

function expectBox(actual: { x1: number; y1: number; x2: number; y2: number }, expected: typeof actual, tol = 0.01) {
  expect(Math.abs(actual.x1 - expected.x1)).toBeLessThanOrEqual(tol);
  expect(Math.abs(actual.y1 - expected.y1)).toBeLessThanOrEqual(tol);
  expect(Math.abs(actual.x2 - expected.x2)).toBeLessThanOrEqual(tol);
  expect(Math.abs(actual.y2 - expected.y2)).toBeLessThanOrEqual(tol);
}

describe('DetectorSession on the colour-patch detector', () => {
  for (const layout of ['yolov8', 'yolov5', 'e2e'] as const) {
    it(`finds the exact boxes of colour squares (${layout} layout)`, async () => {
      const detector = await DetectorSession.create(buildColourPatchModel({ classes, layout }));
      expect(detector.layout).toBe(layout);
      const png = await syntheticPng(W, H, [
        { colour: 'red', box: person },
        { colour: 'green', box: hat },
        { colour: 'blue', box: phone },
      ]);
      const { detections, width, height } = await detector.detect(png, { labels });
      expect([width, height]).toEqual([W, H]);
      expect(detections.map((d) => d.label).sort()).toEqual(['person', 'safehat', 'telephone']);
      const by = (l: string) => detections.find((d) => d.label === l)!;
      expect(person).toEqual({ x1: 320, y1: 168, x2: 384, y2: 232 });
      expectBox(by('person').box, person);
      expectBox(by('safehat').box, hat);
      expectBox(by('telephone').box, phone);
      const expectedConfidence = layout === 'yolov5' ? V5_OBJECTNESS : 1;
      // sharp's linear kernel blurs the squares' edge pixels a little in the 2× downscale, so coverage is just under 1
      for (const d of detections) {
        expect(d.confidence).toBeGreaterThan(0.75 * expectedConfidence);
        expect(d.confidence).toBeLessThanOrEqual(expectedConfidence + 1e-6);
      }
      if (layout === 'yolov5') {
        // confidence = objectness × class score: exactly 0.9 × the YOLOv8 model's score on the same frame
        const v8 = await DetectorSession.create(buildColourPatchModel({ classes, layout: 'yolov8' }));
        const ref = await v8.detect(png, { labels });
        for (const d of detections) expect(d.confidence).toBeCloseTo(V5_OBJECTNESS * ref.detections.find((r) => r.label === d.label)!.confidence, 5);
        await v8.release();
      }
      await detector.release();
    });
  }

  it('finds nothing on an empty grey frame and clips boxes at the border', async () => {
    const detector = await DetectorSession.create(buildColourPatchModel({ classes }));
    const empty = await detector.detect(await syntheticPng(W, H, []), { labels });
    expect(empty.detections).toEqual([]);
    // a red square half outside the picture (top rows fall into the letterbox padding)
    const edge = cellBox(W, H, 640, 32, 0, 4); // letterbox rows 128..160, picture starts at 140
    const clipped = { ...edge, y1: 0 };
    const res = await detector.detect({ data: paintFrame(W, H, [{ colour: 'red', box: clipped }]), width: W, height: H, channels: 3 }, { labels, confidence: 0.1 });
    expect(res.detections).toHaveLength(1);
    expectBox(res.detections[0]!.box, { x1: 0, y1: 0, x2: 64, y2: edge.y2 });
    await detector.release();
  });

  it('gives boxes in the upright frame for an EXIF-rotated photo', async () => {
    const detector = await DetectorSession.create(buildColourPatchModel({ classes }));
    // Upright picture 720×1280 (portrait); stored rotated as 1280×720 with EXIF orientation 6 (rotate 90° CW to view).
    const uprightW = 720;
    const uprightH = 1280;
    const target = cellBox(uprightW, uprightH, 640, 32, 9, 12);
    const upright = paintFrame(uprightW, uprightH, [{ colour: 'red', box: target }]);
    const stored = await sharp(upright, { raw: { width: uprightW, height: uprightH, channels: 3 } }).rotate(-90).jpeg({ quality: 95 }).withMetadata({ orientation: 6 }).toBuffer();
    const meta = await sharp(stored).metadata();
    expect([meta.width, meta.height, meta.orientation]).toEqual([1280, 720, 6]);
    const res = await detector.detect(stored, { labels });
    expect([res.width, res.height]).toEqual([uprightW, uprightH]);
    expect(res.detections).toHaveLength(1);
    expectBox(res.detections[0]!.box, target);
    await detector.release();
  });
});
