/**
 * The `ai-detect` task type: a frame from a camera (the kit's frame grab) or an uploaded
 * photo (a file variable), a detector model and a scene rule → detections, an annotated
 * snapshot stored as a file, and an alarm (deduplicated) for each violation. Frames of
 * alarms and near-threshold detections feed the flywheel (rate-capped, dHash-deduplicated).
 *
 * camunda:properties: `model` (model key), `rule` (built-in rule key or a JSON scene rule),
 * `source` (`camera` | `photo`), `cameraVariable` (default `cameraId`), `photoVariable`
 * (default `photo`), optional `confidence`, `mergeWindowSeconds` (default 600), `mergeIou` (0.3).
 * Variables set: `detections`, `detectionCount`, `violations`, `alarm` (a new alarm was
 * opened), `alarmId`, `alarmMerged`, `snapshot` (file ref), `hazardTitle`, `hazardPhotos`,
 * `suggestedGrade`, `hazardType`, `mgmtClass`, `location`.
 */
import { defineTaskType, SafeFlowError, type PluginServices } from '@safeflow/plugin-kit';
import { z } from 'zod';
import type { AiDetectPorts, FileRef } from './AiDetectPorts';
import type { Detection } from './decode/Detection';
import { dHash } from './flywheel/dHash';
import { FrameSelector } from './flywheel/FrameSelector';
import { evaluateSceneRule } from './rules/evaluateSceneRule';
import { BUILTIN_SCENE_RULES, sceneRuleSchema, type SceneRule } from './rules/SceneRule';
import { annotateSnapshot } from './snapshot/annotateSnapshot';

/** Configuration of an `ai-detect` service task. */
export const aiDetectConfigSchema = z.object({
  model: z.string().min(1).max(100),
  rule: z.string().min(1).max(4000),
  source: z.enum(['camera', 'photo']).default('camera'),
  cameraVariable: z.string().default('cameraId'),
  photoVariable: z.string().default('photo'),
  confidence: z.number().min(0).max(1).optional(),
  mergeWindowSeconds: z.number().int().min(0).max(86_400).default(600),
  mergeIou: z.number().min(0).max(1).default(0.3),
  nearThresholdEpsilon: z.number().min(0).max(1).default(0.1),
  samplesPerHour: z.number().int().min(0).max(10_000).default(20),
});

/** Resolves the rule property: a built-in key or an inline JSON rule. */
export function resolveSceneRule(text: string): SceneRule {
  if (BUILTIN_SCENE_RULES[text]) return BUILTIN_SCENE_RULES[text]!;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new SafeFlowError('detect.rule_unknown', `Unknown scene rule '${text}' (built-in: ${Object.keys(BUILTIN_SCENE_RULES).join(', ')})`, { status: 400 });
  }
  const r = sceneRuleSchema.safeParse(parsed);
  if (!r.success) throw new SafeFlowError('detect.rule_invalid', `Invalid scene rule: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, { status: 400 });
  return r.data;
}

function fileIdOf(v: unknown): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && v.length) return fileIdOf(v[0]);
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const id = o.fileId ?? o.id;
    if (typeof id === 'string') return id;
  }
  throw new SafeFlowError('detect.photo_missing', 'The photo variable holds no file reference', { status: 400 });
}

const round = (v: number) => Math.round(v * 100) / 100;
const plain = (d: Detection) => ({ label: d.label ?? String(d.classId), classId: d.classId, confidence: round(d.confidence * 100) / 100, box: { x1: round(d.box.x1), y1: round(d.box.y1), x2: round(d.box.x2), y2: round(d.box.y2) } });

/** The ports of the task type: given by the host, or built from the services (out of process: over `services.api`). */
export type AiDetectPortSource = AiDetectPorts | ((services: PluginServices) => AiDetectPorts);

/** Builds the `ai-detect` task type over the host's ports. */
export function aiDetectTaskType(source: AiDetectPortSource) {
  return defineTaskType({
    topic: 'ai-detect',
    name: { 'zh-CN': 'AI 识别', en: 'AI detection' },
    description: { 'zh-CN': '摄像头抓拍或照片 → 目标检测 → 场景规则 → 告警', en: 'Camera frame or photo → detection → scene rule → alarm' },
    configSchema: aiDetectConfigSchema,
    lockDuration: 60_000,
    async handler({ task, variables, config, services }) {
      const ports = typeof source === 'function' ? source(services) : source;
      const rule = resolveSceneRule(config.rule);
      const org = await ports.orgOf(task);
      let cameraId: string | null = null;
      let image: Buffer;
      let location: string | undefined;
      if (config.source === 'camera') {
        cameraId = String(variables[config.cameraVariable] ?? '');
        if (!cameraId) throw new SafeFlowError('detect.camera_missing', `Variable '${config.cameraVariable}' names no camera`, { status: 400 });
        const camera = await services.cameras.get(cameraId, org.tenantId);
        image = await services.frames.grab(camera.source, { format: 'png' });
        location = camera.zone ? `${camera.name} · ${camera.zone.name}` : camera.name;
      } else {
        image = await ports.files.read(org, fileIdOf(variables[config.photoVariable]));
      }
      const model = await ports.model(org, config.model, cameraId);
      if (!ports.pool.has(model.id)) ports.pool.register(model.id, model.path);
      const confidence = config.confidence ?? model.thresholds.confidence;
      const result = await ports.pool.detect(model.id, image, { labels: model.labels, confidence: Math.max(0.01, confidence - config.nearThresholdEpsilon), iou: model.thresholds.iou });
      const perClass = model.thresholds.perClass ?? {};
      const all = result.detections;
      const detections = all.filter((d) => d.confidence >= (perClass[d.label ?? ''] ?? confidence));
      const violations = evaluateSceneRule(rule, detections, result.width, result.height);

      const now = services.clock.now().getTime();
      const marked = detections.map((d) => ({ ...d, colour: model.colours[d.label ?? ''], highlight: violations.includes(d) }));
      const { jpeg } = await annotateSnapshot(image, marked);
      const stamp = new Date(now).toISOString().replace(/[-:]/g, '').slice(0, 15);
      const snapshot: FileRef = await ports.files.save(org, `ai-${rule.key}-${stamp}.jpg`, jpeg, 'ai-detect');

      let alarmId: string | null = null;
      let merged = false;
      let opened = false;
      for (const v of violations) {
        const r = await ports.alarms.raise({
          org,
          cameraId,
          modelId: model.id,
          ruleKey: rule.key,
          label: v.label ?? String(v.classId),
          box: v.box,
          confidence: v.confidence,
          detections: detections.map((d) => ({ ...d })),
          snapshot,
          processInstanceId: task.processInstanceId ?? null,
          at: now,
          windowMs: config.mergeWindowSeconds * 1000,
          mergeIou: config.mergeIou,
        });
        alarmId ??= r.alarmId;
        if (r.merged) merged = true;
        else opened = true;
      }

      // flywheel: the alarm frame, or a frame with detections near the threshold. The selector is
      // seeded from the sample store on every frame (not kept per node), so every worker of a
      // cluster judges duplicates and the hourly cap against the same kept samples.
      const key = `${org.tenantId}/${cameraId ?? 'photo'}`;
      const selector = new FrameSelector({ epsilon: config.nearThresholdEpsilon, maxPerHour: config.samplesPerHour });
      for (const s of await ports.samples.recent(org.tenantId, cameraId, now - 3_600_000)) selector.remember(key, s.at, s.hash, s.reason);
      const hash = await dHash(image);
      const decision = selector.consider({ cameraId: key, at: now, hash, confidences: all.map((d) => d.confidence), threshold: confidence, alarm: opened });
      if (decision.keep) {
        const frame = await ports.files.save(org, `frame-${stamp}.jpg`, await import('sharp').then((s) => s.default(image).autoOrient().jpeg({ quality: 92 }).toBuffer()), 'ai-detect');
        await ports.samples.add({ org, cameraId, file: frame, width: result.width, height: result.height, hash, reason: decision.reason, modelId: model.id, alarmId: opened ? alarmId : null, predictions: all, at: now });
      }

      return {
        detections: detections.map(plain),
        detectionCount: detections.length,
        violations: violations.map(plain),
        alarm: opened,
        alarmId,
        alarmMerged: merged && !opened,
        snapshot,
        hazardTitle: rule.hazardTitle,
        hazardPhotos: [snapshot],
        suggestedGrade: rule.suggestedGrade,
        hazardType: rule.hazardType ?? null,
        mgmtClass: rule.mgmtClass ?? null,
        location: location ?? null,
      };
    },
  });
}
