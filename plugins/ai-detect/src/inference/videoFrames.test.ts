import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { grabFrame } from '@safeflow/plugin-kit';
import { makeStillClip, serveRtspCamera } from '@safeflow/plugin-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildColourPatchModel, type PatchClass } from '../testModels/buildColourPatchModel';
import { cellBox, syntheticPng } from '../testModels/syntheticFrame';
import { DetectorSession } from './DetectorSession';

const classes: PatchClass[] = [
  { label: 'person', colour: 'red', stride: 32 },
  { label: 'safehat', colour: 'green', stride: 16 },
];
const labels = classes.map((c) => c.label);
const W = 1280;
const H = 720;
const person = cellBox(W, H, 640, 32, 6, 8);
const hat = cellBox(W, H, 640, 16, 30, 22);

describe('detection on frames grabbed by ffmpeg (H.264 file and loopback RTSP)', () => {
  let dir: string;
  let clip: string;
  const detectors: DetectorSession[] = [];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sf-ai-video-'));
    const png = path.join(dir, 'frame.png');
    fs.writeFileSync(png, await syntheticPng(W, H, [{ colour: 'red', box: person }, { colour: 'green', box: hat }]));
    clip = await makeStillClip(png, path.join(dir, 'clip.mp4'), { seconds: 3 });
    for (const layout of ['yolov8', 'yolov5'] as const) detectors.push(await DetectorSession.create(buildColourPatchModel({ classes, layout })));
  });
  afterAll(async () => {
    for (const d of detectors) await d.release();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function expectExact(frame: Buffer) {
    for (const d of detectors) {
      const { detections, width, height } = await d.detect(frame, { labels });
      expect([width, height]).toEqual([W, H]);
      expect(detections.map((x) => x.label).sort()).toEqual(['person', 'safehat']);
      const p = detections.find((x) => x.label === 'person')!;
      const h = detections.find((x) => x.label === 'safehat')!;
      for (const [got, want] of [[p.box, person], [h.box, hat]] as const) {
        expect(got.x1).toBeCloseTo(want.x1, 2);
        expect(got.y1).toBeCloseTo(want.y1, 2);
        expect(got.x2).toBeCloseTo(want.x2, 2);
        expect(got.y2).toBeCloseTo(want.y2, 2);
      }
      expect(p.confidence).toBeGreaterThan(0.5); // H.264 + 4:2:0 chroma soften the colours a little
    }
  }

  it('finds the exact boxes in a frame of an H.264 file', async () => {
    const frame = await grabFrame({ kind: 'file', path: clip }, { seekSeconds: 1 });
    await expectExact(frame);
  });

  it('finds the exact boxes in a frame of an RTSP stream served on loopback', async () => {
    const camera = await serveRtspCamera(clip, 'cam-ai');
    try {
      const frame = await grabFrame({ kind: 'rtsp', url: camera.url }, { timeoutMs: 15_000 });
      await expectExact(frame);
    } finally {
      await camera.close();
    }
  });
});
