/**
 * `@safeflow/plugin-kit`: the only SafeFlow package a plugin imports.
 * See plugin-kit/README.md.
 */
export { Registry } from './Registry';
export type { LocalizedText } from './LocalizedText';
export { defineTaskType, TOPIC_PATTERN, type TaskTypeDefinition, type TaskTypeContext } from './defineTaskType';
export {
  definePlugin,
  type PluginDefinition,
  type DetectorDefinition,
  type FormComponentDefinition,
  type DesignerContribution,
} from './definePlugin';
export {
  defineNotificationChannel,
  type NotificationChannelDefinition,
  type NotificationChannelContext,
  type NotificationMessage,
} from './defineNotificationChannel';
export { TaskTypeRegistry, configJsonSchema, type TaskTypeCatalogueItem, type RegisteredTaskType } from './TaskTypeRegistry';
export { createPluginRegistries, registerPlugin, freezeRegistries, type PluginRegistries } from './PluginRegistries';
export { decodeConfig } from './decodeConfig';
export { startTaskTypeWorker, subscribeTaskType, type TaskTypeWorkerOptions } from './startTaskTypeWorker';
export type { PluginServices, CameraService, PluginLogger } from './PluginServices';
export {
  cameraSourceSchema,
  cameraDiagnosticsSchema,
  riskColours,
  type Camera,
  type CameraSource,
  type CameraDiagnostics,
  type CameraHealthReport,
  type CameraPictureState,
  type RiskColour,
} from './cameras/Camera';
export { apiCameraService } from './cameras/apiCameraService';
export type { FrameGrabber, GrabOptions, GrabFramesOptions } from './frames/FrameGrabber';
export { grabFrame, grabFrames, ffmpegFrameGrabber, toCameraSource, ffmpegArgs, redact } from './frames/grabFrame';
export { splitPngStream } from './frames/splitPngStream';
export { imageMimeOf } from './frames/imageMimeOf';
export * from './worker';
export { SafeFlowError } from '@safeflow/engine/errors';
export { createRuntimeApi, apiUrlOf, type RuntimeApi, type RuntimeApiOptions } from './api/RuntimeApi';
