import { beforeAll, describe, expect, it } from 'vitest';
import { decodeFrame } from './decodeFrame';
import { diagnoseFrames, measureFrame, metricsRecord, type Baseline } from './diagnoseFrames';
import { blurred, cleanFrame, flatFrame, halfCovered, tinted } from './testFrames';
import { DEFAULT_THRESHOLDS, thresholdsFor } from './thresholds';

const t = thresholdsFor({});
const diagnose = async (images: Buffer[], baseline: Baseline | null) => diagnoseFrames(await Promise.all(images.map(decodeFrame)), t, baseline);

describe('diagnoseFrames (generated frames)', () => {
  let clean: Buffer;
  let clean2: Buffer;
  let baseline: Baseline;

  beforeAll(async () => {
    clean = await cleanFrame(1);
    clean2 = await cleanFrame(2);
    baseline = metricsRecord(measureFrame(await decodeFrame(clean)));
  });

  it('finds nothing on a clean textured scene (two live frames), with and without a baseline', async () => {
    const d = await diagnose([clean, clean2], baseline);
    expect(d.faults).toEqual([]);
    expect((await diagnose([clean2, clean], null)).faults).toEqual([]);
    // the clean scene is sharp, has edges, no cast, moves (noise)
    expect(d.metrics.laplacianVar).toBeGreaterThan(DEFAULT_THRESHOLDS.blurMinLaplacian);
    expect(d.metrics.castK).toBeLessThan(DEFAULT_THRESHOLDS.castK);
    expect(d.metrics.frozenDiff).toBeGreaterThan(DEFAULT_THRESHOLDS.frozenMaxDiff);
  });

  it('black picture: no_signal', async () => {
    const d = await diagnose([await flatFrame([4, 4, 4], 1), await flatFrame([4, 4, 4], 2)], baseline);
    expect(d.faults).toEqual(['no_signal']);
    expect(d.metrics.darkShare).toBe(1);
  });

  it('white picture: overexposed', async () => {
    const d = await diagnose([await flatFrame([253, 253, 253], 1), await flatFrame([253, 253, 253], 2)], baseline);
    expect(d.faults).toEqual(['overexposed']);
  });

  it('blurred picture: blur against the baseline and against the absolute threshold', async () => {
    const b1 = await blurred(clean);
    const b2 = await blurred(clean2);
    const d = await diagnose([b1, b2], baseline);
    expect(d.faults).toEqual(['blur']);
    expect(d.metrics.laplacianVar).toBeLessThan(baseline.laplacianVar * DEFAULT_THRESHOLDS.blurRatio);
    expect((await diagnose([b1, b2], null)).faults).toEqual(['blur']);
  });

  it('identical frames: frozen', async () => {
    const d = await diagnose([clean, clean, clean], baseline);
    expect(d.faults).toEqual(['frozen']);
    expect(d.metrics.frozenDiff).toBe(0);
  });

  it('tinted picture: colour_cast (K > 1.1)', async () => {
    const d = await diagnose([await tinted(clean), await tinted(clean2)], baseline);
    expect(d.faults).toEqual(['colour_cast']);
    expect(d.metrics.castK).toBeGreaterThan(1.1);
  });

  it('half-covered picture: occlusion against the reference frame, not without one', async () => {
    const h1 = await halfCovered(clean);
    const h2 = await halfCovered(clean2);
    expect((await diagnose([h1, h2], baseline)).faults).toEqual(['occlusion']);
    expect((await diagnose([h1, h2], null)).faults).toEqual([]);
  });

  it('per-camera thresholds override the defaults', async () => {
    const frames = await Promise.all([clean, clean2].map(decodeFrame));
    const strict = thresholdsFor({ blurMinLaplacian: 1e9, ignored: 5 });
    expect(diagnoseFrames(frames, strict, null).faults).toEqual(['blur']);
  });
});
