/**
 * Evaluates a {@link SceneRule} on the detections of one picture with SafeFlow's safe
 * expression evaluator (no eval): returns the subject detections that violate it.
 */
import { evaluateExpression } from '@safeflow/engine/expression';
import { type Detection, ioa, iou } from '../decode/Detection';
import { SafeFlowAiError } from '../errors';
import type { SceneRule } from './SceneRule';

/** Whether point (x, y) lies in the polygon (ray casting). */
export function pointInPolygon(x: number, y: number, polygon: readonly (readonly [number, number])[]): boolean {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i]!;
    const [xj, yj] = polygon[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** The subject detections for which `rule.when` is true. */
export function evaluateSceneRule(rule: SceneRule, detections: Detection[], width: number, height: number): Detection[] {
  const subjects = detections.filter((d) => d.label === rule.subject);
  return subjects.filter((s) => {
    const others = detections.filter((d) => d !== s);
    const inZone = rule.zone ? pointInPolygon((s.box.x1 + s.box.x2) / 2 / width, s.box.y2 / height, rule.zone) : true;
    const helpers = {
      has: (label: unknown, minShare: unknown = 0.5) => others.some((d) => d.label === label && ioa(d.box, s.box) >= Number(minShare)),
      near: (label: unknown, minIou: unknown = 0.1) => others.some((d) => d.label === label && iou(d.box, s.box) >= Number(minIou)),
      countOf: (label: unknown) => detections.filter((d) => d.label === label).length,
    };
    let result: unknown;
    try {
      result = evaluateExpression(rule.when, { label: s.label, confidence: s.confidence, box: { ...s.box }, width, height, inZone }, { helpers });
    } catch (err) {
      throw new SafeFlowAiError('detect.rule_invalid', `Scene rule '${rule.key}': ${(err as Error).message}`, { rule: rule.key });
    }
    return result === true;
  });
}
