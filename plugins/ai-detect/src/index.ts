/**
 * `@safeflow/plugin-ai-detect`: ONNX detectors (YOLOv8/YOLOv5/end-to-end), the worker
 * pool, the `ai-detect` task type, scene rules, alarms' ports and the flywheel's formats.
 * See plugins/ai-detect/README.md.
 */
export { createAiDetectPlugin } from './plugin';
export type * from './AiDetectPorts';
export { aiDetectTaskType, aiDetectConfigSchema, resolveSceneRule } from './aiDetectTaskType';
export { aiAlarmReviewTaskType } from './aiAlarmReviewTaskType';
export { SafeFlowAiError } from './errors';
export type { Box, Detection, OutputLayout } from './decode/Detection';
export { iou, ioa } from './decode/Detection';
export { DetectorPool, defaultWorkers, detectorPoolOptionsFromEnv, type DetectorPoolOptions } from './inference/DetectorPool';
export { DetectorSession } from './inference/DetectorSession';
export type { ImageInput, RawFrame } from './image/preprocess';
export { inspectOnnxModel, type ModelInspection } from './registry/inspectOnnxModel';
export { sceneRuleSchema, BUILTIN_SCENE_RULES, type SceneRule } from './rules/SceneRule';
export { evaluateSceneRule } from './rules/evaluateSceneRule';
export { annotateSnapshot } from './snapshot/annotateSnapshot';
export { dHash, hammingDistance } from './flywheel/dHash';
export { FrameSelector } from './flywheel/FrameSelector';
export { evaluateMap, averagePrecision, compareEvaluations, type EvalBox, type MapResult } from './flywheel/evaluateMap';
export type { DatasetItem, DatasetBox } from './flywheel/DatasetItem';
export { exportYolo, parseYoloLabels, parseDataYamlNames, dataYaml } from './flywheel/exportYolo';
export { exportCoco, parseCoco } from './flywheel/exportCoco';
export { exportLabelStudio, parseLabelStudioRegions } from './flywheel/exportLabelStudio';
export { buildColourPatchModel, PATCH_COLOURS, V5_OBJECTNESS, type PatchClass } from './testModels/buildColourPatchModel';
export { buildYolov8nSizedModel } from './testModels/buildYolov8nSizedModel';
export { cellBox, paintFrame, syntheticPng } from './testModels/syntheticFrame';
