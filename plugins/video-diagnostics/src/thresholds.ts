/**
 * Default thresholds of the video diagnostics (AI.md): every one can be
 * overridden per camera (`camera.diagnostics.thresholds`), and the relative
 * ones apply against the camera's learned baseline.
 */
export const DEFAULT_THRESHOLDS = {
  /** black / no signal: share of pixels ≤ 10 % luma (ffmpeg blackdetect: 98 %). */
  blackShare: 0.98,
  /** over-exposed: mean luma at or above this (0..255) ... */
  overexposedMeanLuma: 235,
  /** ... or this share of saturated pixels (≥ 98 % luma). */
  saturatedShare: 0.5,
  /** blur without a baseline: variance of the Laplacian below this (a common start: 100). */
  blurMinLaplacian: 100,
  /** blur with a baseline: below this fraction of the baseline's variance of the Laplacian. */
  blurRatio: 0.3,
  /** frozen: mean absolute luma difference between consecutive frames at or below this (0..255; a stuck encoder repeats frames exactly, live sensors always differ by their noise). */
  frozenMaxDiff: 0.05,
  /** frozen across checks (live streams): two checks' pictures are the same when their 4×4-block signatures differ by at most this (0..255; ≈ ffmpeg freezedetect's −60 dB) ... */
  frozenSignatureMaxDiff: 0.25,
  /** ... and the picture is frozen when consecutive checks have seen the same one for at least this long (ms). */
  frozenAfterMs: 600_000,
  /** colour cast: Lab cast factor K = D / M above this. */
  castK: 1.1,
  /** occlusion: a grid cell is covered when its edge density falls below this fraction of the baseline's ... */
  occlusionCellRatio: 0.3,
  /** ... and the picture is occluded when at least this share of the cells that had edges is covered ... */
  occlusionShare: 0.25,
  /** ... while at least this share kept `occlusionIntactRatio` of their edges (else it is blur, not a cover). */
  occlusionIntactShare: 0.25,
  occlusionIntactRatio: 0.6,
} as const;

/** Threshold names (keys of {@link DEFAULT_THRESHOLDS}). */
export type ThresholdName = keyof typeof DEFAULT_THRESHOLDS;
export type Thresholds = Record<ThresholdName, number>;

/** The defaults overridden by a camera's own thresholds (unknown names are ignored). */
export function thresholdsFor(overrides: Record<string, number> | undefined): Thresholds {
  const t: Thresholds = { ...DEFAULT_THRESHOLDS };
  for (const k of Object.keys(t) as ThresholdName[]) if (typeof overrides?.[k] === 'number') t[k] = overrides[k];
  return t;
}
