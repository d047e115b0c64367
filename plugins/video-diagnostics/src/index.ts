import { definePlugin } from '@safeflow/plugin-kit';
import { videoDiagnoseTaskType } from './videoDiagnoseTaskType';

export { videoDiagnoseTaskType, videoDiagnoseConfig, VIDEO_DIAGNOSE_TOPIC } from './videoDiagnoseTaskType';
export { diagnoseFrames, measureFrame, metricsRecord, FAULTS, type Fault, type Diagnosis, type FrameMetrics, type Baseline } from './diagnoseFrames';
export { DEFAULT_THRESHOLDS, thresholdsFor, type Thresholds, type ThresholdName } from './thresholds';
export { decodeFrame, type RgbFrame } from './decodeFrame';
export { pictureSignature, signatureDiff } from './pictureSignature';
export { frozenAcrossChecks, type FrozenAcross } from './frozenAcrossChecks';

/** `@safeflow/plugin-video-diagnostics`: the `video-diagnose` task type (视频诊断). */
export const plugin = definePlugin({
  name: '@safeflow/plugin-video-diagnostics',
  version: '0.1.0',
  title: { 'zh-CN': '视频诊断', en: 'Video diagnostics' },
  taskTypes: [videoDiagnoseTaskType],
  designer: { palette: [{ topic: 'video-diagnose', icon: 'video-camera', group: 'ai' }] },
});

export default plugin;
