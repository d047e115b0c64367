import { describe, expect, it } from 'vitest';
import { buildColourPatchModel } from '../testModels/buildColourPatchModel';
import { cellBox, syntheticPng } from '../testModels/syntheticFrame';
import { DetectorPool } from './DetectorPool';

describe('DetectorPool (worker threads)', () => {
  it('detects in worker threads, loads a model once per worker, and shuts down cleanly', async () => {
    const pool = new DetectorPool({ workers: 2, intraOpNumThreads: 1 });
    pool.register('m1', buildColourPatchModel({ classes: [{ label: 'person', colour: 'red' }] }));
    const box = cellBox(1280, 720, 640, 32, 10, 10);
    const png = await syntheticPng(1280, 720, [{ colour: 'red', box }]);
    const info = await pool.load('m1');
    expect(info).toMatchObject({ inputSize: 640, layout: 'yolov8', inputName: 'images' });
    // the event loop keeps ticking while detections run in the workers
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const results = await Promise.all(Array.from({ length: 8 }, () => pool.detect('m1', png, { labels: ['person'] })));
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(0);
    for (const r of results) {
      expect(r.detections).toHaveLength(1);
      expect(r.detections[0]!.box.x1).toBeCloseTo(box.x1, 2);
      expect(r.detections[0]!.label).toBe('person');
    }
    expect(pool.sessionsCreated).toBeLessThanOrEqual(2); // once per worker, not once per request
    await expect(pool.detect('nope', png)).rejects.toMatchObject({ code: 'detect.model_unknown' });
    await pool.close();
    await expect(pool.detect('m1', png)).rejects.toMatchObject({ code: 'detect.pool_closed' });
  });

  it('reports a corrupt model and an unreadable image with clear codes', async () => {
    const pool = new DetectorPool();
    pool.register('bad', new Uint8Array([1, 2, 3, 4, 5]));
    await expect(pool.load('bad')).rejects.toMatchObject({ code: 'model.unloadable' });
    pool.register('ok', buildColourPatchModel({ classes: [{ label: 'person', colour: 'red' }] }));
    await expect(pool.detect('ok', new Uint8Array([0xff, 0xd8, 0xff, 0x00, 0x01]))).rejects.toMatchObject({ code: 'detect.image_unreadable' });
    await pool.close();
  });
});
