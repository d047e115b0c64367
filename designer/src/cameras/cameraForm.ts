import type { CameraBody, CameraDto, RiskColour } from './camerasApi';

/**
 * The diagnostics thresholds the dialog offers (names of the video-diagnostics
 * plugin's `DEFAULT_THRESHOLDS`, plugins/video-diagnostics/src/thresholds.ts);
 * a blank one uses the plugin's default. Other names a camera carries are kept.
 */
export const THRESHOLD_FIELDS = ['blackShare', 'overexposedMeanLuma', 'blurMinLaplacian', 'frozenMaxDiff', 'frozenAfterMs', 'castK', 'occlusionShare'] as const;
/** One offered threshold. */
export type ThresholdField = (typeof THRESHOLD_FIELDS)[number];

/** What the camera dialog edits. Blank numbers are `undefined`. */
export interface CameraForm {
  orgId: string;
  name: string;
  sourceKind: 'rtsp' | 'file';
  url: string;
  path: string;
  zoneName: string;
  zoneRisk: RiskColour | '';
  x: number | undefined;
  y: number | undefined;
  thresholds: Partial<Record<ThresholdField, number | undefined>>;
  enabled: boolean;
}

/** The dialog's starting values: the camera's, or blank ones in `orgId` for a new camera. */
export function formOf(camera: CameraDto | null, orgId = ''): CameraForm {
  const t = camera?.diagnostics.thresholds ?? {};
  return {
    orgId: camera?.orgId ?? orgId,
    name: camera?.name ?? '',
    sourceKind: camera?.source.kind ?? 'rtsp',
    url: camera?.source.kind === 'rtsp' ? camera.source.url : '',
    path: camera?.source.kind === 'file' ? camera.source.path : '',
    zoneName: camera?.zone?.name ?? '',
    zoneRisk: camera?.zone?.risk ?? '',
    x: camera?.location?.x,
    y: camera?.location?.y,
    thresholds: Object.fromEntries(THRESHOLD_FIELDS.map((k) => [k, t[k]])),
    enabled: camera?.enabled ?? true,
  };
}

/** Why the form cannot be saved (an i18n key under `cameras.form.problems`), or null. */
export function formProblem(f: CameraForm): string | null {
  if (!f.orgId) return 'org';
  if (!f.name.trim()) return 'name';
  if (f.sourceKind === 'rtsp' && !/^rtsps?:\/\/\S+$/i.test(f.url.trim())) return 'url';
  if (f.sourceKind === 'file' && !f.path.trim()) return 'path';
  if (Boolean(f.zoneName.trim()) !== Boolean(f.zoneRisk)) return 'zone';
  if ((f.x === undefined) !== (f.y === undefined)) return 'location';
  return null;
}

const finite = (v: number | undefined | null): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * The API body of the form. Editing `base`, its baseline (learned by the
 * diagnostics) and thresholds the dialog does not offer are kept; an RTSP
 * URL still showing `***` keeps the stored password (the server's rule).
 */
export function bodyOf(f: CameraForm, base: CameraDto | null): CameraBody {
  const thresholds: Record<string, number> = {};
  for (const [k, v] of Object.entries(base?.diagnostics.thresholds ?? {})) if (!(THRESHOLD_FIELDS as readonly string[]).includes(k)) thresholds[k] = v;
  for (const k of THRESHOLD_FIELDS) {
    const v = f.thresholds[k];
    if (finite(v)) thresholds[k] = v;
  }
  return {
    name: f.name.trim(),
    source: f.sourceKind === 'rtsp' ? { kind: 'rtsp', url: f.url.trim() } : { kind: 'file', path: f.path.trim() },
    location: finite(f.x) && finite(f.y) ? { x: f.x, y: f.y } : null,
    zone: f.zoneName.trim() && f.zoneRisk ? { name: f.zoneName.trim(), risk: f.zoneRisk } : null,
    diagnostics: { thresholds, baseline: base?.diagnostics.baseline ?? null },
    enabled: f.enabled,
  };
}

/** A plan position of a click on the shown plan image: the image's pixel scaled to plan units, one decimal. */
export function planPointOf(click: { offsetX: number; offsetY: number }, shown: { width: number; height: number }, plan: { width: number; height: number }): { x: number; y: number } {
  const r = (v: number) => Math.round(v * 10) / 10;
  const clamp = (v: number, max: number) => Math.min(Math.max(v, 0), max);
  return { x: r(clamp((click.offsetX / shown.width) * plan.width, plan.width)), y: r(clamp((click.offsetY / shown.height) * plan.height, plan.height)) };
}

/** Today's date (YYYY-MM-DD) in Beijing time (UTC+8), wherever the browser is. */
export function beijingDate(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
}
