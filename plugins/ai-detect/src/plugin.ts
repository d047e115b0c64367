import { definePlugin } from '@safeflow/plugin-kit';
import type { AiDetectPorts } from './AiDetectPorts';
import { aiAlarmReviewTaskType } from './aiAlarmReviewTaskType';
import { aiDetectTaskType } from './aiDetectTaskType';

/**
 * The ai-detect plugin over its host's ports: the `ai-detect` and `ai-alarm-review` task
 * types and the three ONNX detector formats.
 */
export function createAiDetectPlugin(ports: AiDetectPorts) {
  return definePlugin({
    name: '@safeflow/plugin-ai-detect',
    version: '0.1.0',
    title: { 'zh-CN': 'AI 视频巡查', en: 'AI video patrol' },
    taskTypes: [aiDetectTaskType(ports), aiAlarmReviewTaskType(ports)],
    detectors: [
      { id: 'onnx-yolov8', modelFormat: 'onnx-yolov8', name: { 'zh-CN': 'YOLOv8/11 ONNX', en: 'YOLOv8/11 ONNX' } },
      { id: 'onnx-yolov5', modelFormat: 'onnx-yolov5', name: { 'zh-CN': 'YOLOv5/7 ONNX', en: 'YOLOv5/7 ONNX' } },
      { id: 'onnx-end2end', modelFormat: 'onnx-end2end', name: { 'zh-CN': '端到端 ONNX', en: 'End-to-end ONNX' } },
    ],
    designer: { palette: [{ topic: 'ai-detect', icon: 'camera', group: 'ai' }] },
  });
}
