/**
 * What the ai-detect plugin needs from its host beyond the kit's `PluginServices`
 * (cameras, frames, clock, logger): the kit gives plugins no storage, files or
 * org context yet, so the plugin declares these ports and the host implements them
 * (SafeFlow's runtime: runtime/src/ai/). Everything is tenant-scoped by the caller.
 */
import type { Box, Detection } from './decode/Detection';
import type { DetectorPool } from './inference/DetectorPool';

/** A stored file as the platform refers to it (hazards.md `photos` entries). */
export interface FileRef {
  fileId: string;
  name: string;
  size: number;
  mime: string;
  sha256: string;
}

/** The org a task runs for. */
export interface TaskOrg {
  tenantId: string;
  orgId: string;
  orgPath: string;
}

/** A detector model version as the task type uses it. */
export interface ModelVersion {
  id: string;
  key: string;
  version: number;
  labels: string[];
  /** Label colours by label (from label management). */
  colours: Record<string, string>;
  thresholds: { confidence: number; iou: number; perClass?: Record<string, number> };
  /** sha256 of the .onnx file (hex). */
  sha256: string;
  /** Absolute path of the .onnx file (out of process: the worker's cached copy). */
  path: string;
}

/** Input of {@link AlarmPort.raise}. */
export interface RaiseAlarm {
  org: TaskOrg;
  cameraId: string | null;
  modelId: string;
  ruleKey: string;
  label: string;
  box: Box;
  confidence: number;
  detections: Detection[];
  snapshot: FileRef;
  processInstanceId: string | null;
  at: number;
  /** Alarms of the same camera + label whose box overlaps (IoU ≥ mergeIou) within this window merge. */
  windowMs: number;
  mergeIou: number;
}

/** Alarm storage. */
export interface AlarmPort {
  /** Opens an alarm, or merges it into an open one (same camera, label, overlapping box, within the window). */
  raise(input: RaiseAlarm): Promise<{ alarmId: string; merged: boolean; occurrences: number }>;
  /** Records the review: confirmed → status `confirmed`; false → `false` and a negative flywheel sample. */
  review(alarmId: string, confirmed: boolean, reviewer: string | null, at: number): Promise<{ status: string }>;
}

/** Flywheel sample storage. */
export interface SamplePort {
  add(sample: {
    org: TaskOrg;
    cameraId: string | null;
    file: FileRef;
    width: number;
    height: number;
    hash: string;
    reason: 'alarm' | 'near_threshold';
    modelId: string;
    alarmId: string | null;
    predictions: Detection[];
    at: number;
  }): Promise<string>;
  /** Recent kept samples of a camera (hash and time) to seed near-duplicate checks. */
  recent(tenantId: string, cameraId: string | null, since: number): Promise<{ at: number; hash: string; reason: string }[]>;
}

/** Everything the plugin's task types use. */
export interface AiDetectPorts {
  pool: DetectorPool;
  /** The org of the task's process instance. */
  orgOf(task: { processInstanceId?: string; tenantId?: string }): Promise<TaskOrg>;
  /** The version of model `key` a task of `org` uses: its org's (or the nearest org's above it) promoted version, or the camera's pilot version. */
  model(org: TaskOrg, key: string, cameraId: string | null): Promise<ModelVersion>;
  files: {
    read(org: TaskOrg, fileId: string): Promise<Buffer>;
    save(org: TaskOrg, name: string, bytes: Buffer, createdBy: string): Promise<FileRef>;
  };
  alarms: AlarmPort;
  samples: SamplePort;
}
