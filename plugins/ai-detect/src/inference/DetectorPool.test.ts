import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { buildColourPatchModel } from '../testModels/buildColourPatchModel';
import { cellBox, syntheticPng } from '../testModels/syntheticFrame';
import { DetectorPool, defaultWorkers, detectorPoolOptionsFromEnv } from './DetectorPool';

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

  it('spreads requests in flight over the workers (a second worker loads the model when the first is busy)', async () => {
    const pool = new DetectorPool({ workers: 2, intraOpNumThreads: 1 });
    pool.register('m1', buildColourPatchModel({ classes: [{ label: 'person', colour: 'red' }] }));
    const png = await syntheticPng(640, 640, [{ colour: 'red', box: cellBox(640, 640, 640, 32, 4, 4) }]);
    expect((await pool.detect('m1', png)).detections).toHaveLength(1);
    expect(pool.sessionsCreated).toBe(1);
    // one at a time stays on the worker that has the session
    await pool.detect('m1', png);
    expect(pool.sessionsCreated).toBe(1);
    // two at once: the second goes to the idle worker, which creates its own session
    const both = await Promise.all([pool.detect('m1', png), pool.detect('m1', png)]);
    expect(both.map((r) => r.detections.length)).toEqual([1, 1]);
    expect(pool.sessionsCreated).toBe(2);
    await pool.close();
  });

  it('sizes itself from the cores and from AI_WORKERS / AI_INTRA_OP_THREADS', () => {
    expect([defaultWorkers(1), defaultWorkers(2), defaultWorkers(16)]).toEqual([1, 2, 2]);
    expect(detectorPoolOptionsFromEnv({})).toEqual({ workers: undefined, intraOpNumThreads: undefined });
    expect(detectorPoolOptionsFromEnv({ AI_WORKERS: ' 3 ', AI_INTRA_OP_THREADS: '' })).toEqual({ workers: 3, intraOpNumThreads: undefined });
    expect(detectorPoolOptionsFromEnv({ AI_WORKERS: '1', AI_INTRA_OP_THREADS: '2' })).toEqual({ workers: 1, intraOpNumThreads: 2 });
    for (const bad of ['0', '-1', '1.5', 'two']) {
      expect(() => detectorPoolOptionsFromEnv({ AI_WORKERS: bad })).toThrow(expect.objectContaining({ code: 'detect.pool_config', details: { name: 'AI_WORKERS', value: bad } }));
    }
    const pool = new DetectorPool({ workers: 1 });
    expect([pool.workerCount, pool.intraOpNumThreads]).toEqual([1, Math.max(1, os.availableParallelism())]);
    void pool.close();
  });
});
