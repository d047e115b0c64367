import { z } from 'zod';

/** Risk colour of a zone (四色分区: red = major, orange, yellow, blue = low). */
export const riskColours = ['red', 'orange', 'yellow', 'blue'] as const;
export type RiskColour = (typeof riskColours)[number];

/** Where a camera's picture comes from: an RTSP stream or a video/image file readable by ffmpeg on the worker's host. */
export const cameraSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('rtsp'), url: z.string().regex(/^rtsps?:\/\/[^\s]+$/, 'an rtsp:// or rtsps:// URL') }),
  z.object({ kind: z.literal('file'), path: z.string().min(1).max(1000) }),
]);
export type CameraSource = z.infer<typeof cameraSourceSchema>;

/** Per-camera diagnostics settings: thresholds override the plugin's defaults; the baseline is learned from a good frame. */
export const cameraDiagnosticsSchema = z.object({
  thresholds: z.record(z.string(), z.number()).default({}),
  baseline: z.record(z.string(), z.number()).nullable().default(null),
});
export type CameraDiagnostics = z.infer<typeof cameraDiagnosticsSchema>;

/** A registered camera (the runtime's `/api/v1/cameras` resource). */
export interface Camera {
  id: string;
  tenantId: string;
  orgId: string;
  orgPath: string;
  name: string;
  source: CameraSource;
  /** Position on the park's site plan (pixels of the plan image), or null. */
  location: { x: number; y: number } | null;
  zone: { name: string; risk: RiskColour } | null;
  diagnostics: CameraDiagnostics;
  enabled: boolean;
  revision: number;
}

/** One health check of a camera (written by video diagnostics). */
export interface CameraHealthReport {
  /** `ok`, `fault` (one or more faults) or `offline` (no frame could be grabbed). */
  status: 'ok' | 'fault' | 'offline';
  faults: string[];
  metrics: Record<string, number>;
  /** Process instance that ran the check, if any. */
  processInstanceId?: string;
}

/**
 * What a camera's last check saw, kept by the host (its database, so every node of a cluster
 * sees the same): the picture's signature, since when consecutive checks have seen that same
 * picture, and when it was last seen.
 */
export interface CameraPictureState {
  signature: string;
  since: number;
  at: number;
}
