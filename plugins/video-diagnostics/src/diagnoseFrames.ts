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
 * - occlusion (baseline needed; relative only, AI.md): some grid cells lost their edges
 *   against the reference frame while others kept them (see {@link occlusion});
 * - blur (unless occluded): variance of the Laplacian < `blurRatio` × baseline (without a baseline: < `blurMinLaplacian`);
 * - frozen (≥ 2 frames): every consecutive mean absolute difference ≤ `frozenMaxDiff`;
 * - colour cast: K = D / M > `castK` (or > 1.5 × a baseline K above it).
 * A black or over-exposed picture skips the other picture checks (they are meaningless on it).
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
    // occlusion first: part of the view lost its edges while the rest kept them (blur loses them everywhere)
    const occluded = baseline ? occlusion(metrics, baseline, t) : false;
    if (occluded) faults.push('occlusion');
    else {
      const blurLimit = baseline?.laplacianVar ? baseline.laplacianVar * t.blurRatio : t.blurMinLaplacian;
      if (metrics.laplacianVar < blurLimit) faults.push('blur');
    }
    const castLimit = Math.max(t.castK, baseline?.castK && baseline.castK > t.castK ? baseline.castK * 1.5 : 0);
    if (metrics.castK > castLimit) faults.push('colour_cast');
  }
  // frozen is about the stream, not the picture: checked on every frame sequence, even a black one
  if (metrics.frozenDiff !== undefined && metrics.frozenDiff <= t.frozenMaxDiff) faults.push('frozen');
  return { faults, metrics };
}

/**
 * Occlusion against the baseline: of the grid cells that had edges in the
 * reference frame, at least `occlusionShare` fell below `occlusionCellRatio`
 * of their reference edge density (covered) while at least
 * `occlusionIntactShare` kept `occlusionIntactRatio` of it (the rest of the
 * view is still sharp, so it is not a blurred lens).
 */
function occlusion(m: FrameMetrics, baseline: Baseline, t: Thresholds): boolean {
  let withEdges = 0;
  let covered = 0;
  let intact = 0;
  for (let i = 0; i < GRID * GRID; i++) {
    const ref = baseline[`edgeCell${i}`];
    if (!ref || ref < 0.01) continue;
    withEdges++;
    const ratio = m[`edgeCell${i}`] / ref;
    if (ratio < t.occlusionCellRatio) covered++;
    else if (ratio >= t.occlusionIntactRatio) intact++;
  }
  return withEdges > 0 && covered / withEdges >= t.occlusionShare && intact / withEdges >= t.occlusionIntactShare;
}

/** A metrics object as plain numbers (for process variables, the health log and baselines). */
export function metricsRecord(m: FrameMetrics): Record<string, number> {
  return Object.fromEntries(Object.entries(m).filter(([, v]) => typeof v === 'number' && Number.isFinite(v)).map(([k, v]) => [k, Math.round((v as number) * 10000) / 10000]));
}
