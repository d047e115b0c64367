import type { RgbFrame } from './decodeFrame';
import { colourCast, edgeDensity, exposure, GRID, laplacianVariance, lumaOf, meanAbsDiff } from './imageMetrics';
import type { Thresholds } from './thresholds';

/** Faults the diagnostics report (stable keys; `no_signal` is also used when no frame could be grabbed). */
export const FAULTS = ['no_signal', 'overexposed', 'blur', 'frozen', 'colour_cast', 'occlusion'] as const;
export type Fault = (typeof FAULTS)[number];

/** The measured metrics of one check (first frame, plus `frozenDiff` over all frames). */
export interface FrameMetrics {
  meanLuma: number;
  darkShare: number;
  saturatedShare: number;
  laplacianVar: number;
  edgeDensity: number;
  castK: number;
  /** Smallest mean absolute luma difference between consecutive frames (only with ≥ 2 frames). */
  frozenDiff?: number;
  /** Edge density per grid cell (`edgeCell0` … `edgeCell15`). */
  [cell: `edgeCell${number}`]: number;
}

/** Result of {@link diagnoseFrames}. */
export interface Diagnosis {
  faults: Fault[];
  metrics: FrameMetrics;
}

/** The baseline stored for a camera: the metrics of a known-good frame. */
export type Baseline = Record<string, number>;

/** Metrics of one decoded frame. */
export function measureFrame(f: RgbFrame): FrameMetrics {
  const y = lumaOf(f);
  const e = edgeDensity(y, f.width, f.height);
  const m: FrameMetrics = {
    ...exposure(y),
    laplacianVar: laplacianVariance(y, f.width, f.height),
    edgeDensity: e.overall,
    castK: colourCast(f).castK,
  };
  e.cells.forEach((v, i) => (m[`edgeCell${i}`] = v));
  return m;
}

/**
 * Diagnoses a camera from one or more frames (decoded, same size) against
 * thresholds and the camera's baseline (null: only absolute checks).
 * - black / no signal: dark share ≥ `blackShare`;
 * - over-exposed: mean luma ≥ `overexposedMeanLuma` or saturated share ≥ `saturatedShare`;
 * - blur: variance of the Laplacian < `blurRatio` × baseline (without a baseline: < `blurMinLaplacian`);
 * - frozen (≥ 2 frames): every consecutive mean absolute difference ≤ `frozenMaxDiff`;
 * - colour cast: K = D / M > `castK` (or > 1.5 × a baseline K above it);
 * - occlusion (baseline needed; relative only, AI.md): share of the grid cells with
 *   edges in the baseline whose edge density fell below `occlusionCellRatio` × baseline ≥ `occlusionShare`.
 * A black or over-exposed picture skips the other picture checks (they are meaningless on it);
 * a blurred one skips occlusion (blur removes edges everywhere).
 */
export function diagnoseFrames(frames: RgbFrame[], t: Thresholds, baseline: Baseline | null): Diagnosis {
  const metrics = measureFrame(frames[0]);
  const faults: Fault[] = [];
  if (frames.length > 1) {
    const ys = frames.map(lumaOf);
    let min = Infinity;
    for (let i = 1; i < ys.length; i++) if (ys[i].length === ys[i - 1].length) min = Math.min(min, meanAbsDiff(ys[i - 1], ys[i]));
    if (Number.isFinite(min)) metrics.frozenDiff = min;
  }
  if (metrics.darkShare >= t.blackShare) faults.push('no_signal');
  else if (metrics.meanLuma >= t.overexposedMeanLuma || metrics.saturatedShare >= t.saturatedShare) faults.push('overexposed');
  else {
    const blurLimit = baseline?.laplacianVar ? baseline.laplacianVar * t.blurRatio : t.blurMinLaplacian;
    const blurred = metrics.laplacianVar < blurLimit;
    if (blurred) faults.push('blur');
    const castLimit = Math.max(t.castK, baseline?.castK && baseline.castK > t.castK ? baseline.castK * 1.5 : 0);
    if (metrics.castK > castLimit) faults.push('colour_cast');
    if (!blurred && baseline) {
      let withEdges = 0;
      let covered = 0;
      for (let i = 0; i < GRID * GRID; i++) {
        const ref = baseline[`edgeCell${i}`];
        if (!ref || ref < 0.01) continue;
        withEdges++;
        if (metrics[`edgeCell${i}`] < ref * t.occlusionCellRatio) covered++;
      }
      if (withEdges > 0 && covered / withEdges >= t.occlusionShare) faults.push('occlusion');
    }
  }
  // frozen is about the stream, not the picture: checked on every frame sequence, even a black one
  if (metrics.frozenDiff !== undefined && metrics.frozenDiff <= t.frozenMaxDiff) faults.push('frozen');
  return { faults, metrics };
}

/** A metrics object as plain numbers (for process variables, the health log and baselines). */
export function metricsRecord(m: FrameMetrics): Record<string, number> {
  return Object.fromEntries(Object.entries(m).filter(([, v]) => typeof v === 'number' && Number.isFinite(v)).map(([k, v]) => [k, Math.round((v as number) * 10000) / 10000]));
}
