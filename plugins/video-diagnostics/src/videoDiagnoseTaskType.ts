import { z } from 'zod';
import { defineTaskType, SafeFlowError } from '@safeflow/plugin-kit';
import { decodeFrame } from './decodeFrame';
import { diagnoseFrames, measureFrame, metricsRecord } from './diagnoseFrames';
import { frozenAcrossChecks } from './frozenAcrossChecks';
import { pictureSignature } from './pictureSignature';
import { thresholdsFor } from './thresholds';

/** The topic of the video diagnostics task type. */
export const VIDEO_DIAGNOSE_TOPIC = 'video-diagnose';

/** `camunda:properties` of a video-diagnose task. */
export const videoDiagnoseConfig = z.object({
  /** `diagnose` (default) checks the camera; `learn-baseline` stores the current picture's metrics as the camera's reference. */
  mode: z.enum(['diagnose', 'learn-baseline']).default('diagnose').describe('diagnose | learn-baseline'),
  /** Frames grabbed per check (≥ 2 enables the frozen-picture check). */
  frames: z.number().int().min(1).max(10).default(2),
  /** Stream time between the frames, ms. */
  intervalMs: z.number().int().min(100).max(10_000).default(1000),
  /** Timeout of the grab, ms. */
  timeoutMs: z.number().int().min(1000).max(60_000).default(15_000),
  /** Process variable holding the camera id (a patrol route's multi-instance sets `cameraId`). */
  cameraVariable: z.string().min(1).default('cameraId'),
});

/**
 * `video-diagnose`: grabs frames of the camera named by the `cameraId`
 * variable (via `services.frames`), checks them against the camera's
 * thresholds and baseline ({@link diagnoseFrames}), records the check in the
 * camera's health log (the daily health report) and completes with
 * `healthy`, `faults` (array of fault keys), `metrics` (object), `cameraName`
 * and `workOrder` (true when the camera fails: the BPMN's gateway opens a
 * work-order user task, as generated patrol routes do). A stream that gives
 * no frame is `offline` with the fault `no_signal` (and the grab error's code in
 * `grabError`). In `learn-baseline` mode it stores the metrics as the
 * camera's baseline and completes with `baseline` (and `workOrder = false`).
 * A live (RTSP) camera's picture is also compared with the previous checks' (its state kept by
 * the host, `services.cameras.lastPicture`): the same picture for `frozenAfterMs` is `frozen`
 * even with one frame per check (`metrics.frozenForMs` says for how long).
 */
export const videoDiagnoseTaskType = defineTaskType({
  topic: VIDEO_DIAGNOSE_TOPIC,
  name: { 'zh-CN': '视频诊断', en: 'Video diagnostics' },
  description: {
    'zh-CN': '检测黑屏/无信号、过曝、模糊、画面冻结、偏色、遮挡，故障时生成维修工单',
    en: 'Checks a camera for no signal, over-exposure, blur, frozen picture, colour cast and occlusion; a failing camera gets a work order',
  },
  configSchema: videoDiagnoseConfig,
  lockDuration: 60_000,
  async handler({ task, variables, config, services }) {
    const cameraId = variables[config.cameraVariable];
    if (typeof cameraId !== 'string' || !cameraId) {
      throw new SafeFlowError('video_diagnose.no_camera', `The task has no camera: variable '${config.cameraVariable}' is not set`, { status: 400 });
    }
    const camera = await services.cameras.get(cameraId, task.tenantId ?? null);
    let images: Buffer[];
    try {
      images = await services.frames.grabFrames(camera.source, { count: config.mode === 'learn-baseline' ? 1 : config.frames, intervalMs: config.intervalMs, timeoutMs: config.timeoutMs });
    } catch (err) {
      const code = (err as { code?: string }).code ?? 'frame.unreachable';
      if (!code.startsWith('frame.') || code === 'frame.ffmpeg_missing' || code === 'frame.bad_source') throw err;
      await services.cameras.recordHealth(camera.id, { status: 'offline', faults: ['no_signal'], metrics: {}, processInstanceId: task.processInstanceId });
      return { healthy: false, faults: ['no_signal'], metrics: {}, cameraName: camera.name, workOrder: true, grabError: code };
    }
    const frames = await Promise.all(images.map(decodeFrame));
    if (config.mode === 'learn-baseline') {
      const baseline = metricsRecord(measureFrame(frames[0]));
      await services.cameras.updateBaseline(camera.id, baseline);
      return { baseline, cameraName: camera.name, workOrder: false };
    }
    const thresholds = thresholdsFor(camera.diagnostics.thresholds);
    const d = diagnoseFrames(frames, thresholds, camera.diagnostics.baseline);
    const metrics = metricsRecord(d.metrics);
    if (camera.source.kind === 'rtsp') {
      // a live stream's picture is compared with the previous checks' (a file source restarts at its first frame on every grab)
      const across = frozenAcrossChecks(await services.cameras.lastPicture(camera.id), pictureSignature(frames[frames.length - 1]!), services.clock.now().getTime(), thresholds);
      await services.cameras.rememberPicture(camera.id, across.next);
      metrics.frozenForMs = across.frozenForMs;
      if (across.frozen && !d.faults.includes('frozen')) d.faults.push('frozen');
    }
    const healthy = d.faults.length === 0;
    await services.cameras.recordHealth(camera.id, { status: healthy ? 'ok' : 'fault', faults: d.faults, metrics, processInstanceId: task.processInstanceId });
    return { healthy, faults: d.faults, metrics, cameraName: camera.name, workOrder: !healthy };
  },
});
