import { describe, expect, it } from 'vitest';
import type { Detection } from '../decode/Detection';
import { evaluateSceneRule, pointInPolygon } from './evaluateSceneRule';
import { BUILTIN_SCENE_RULES, sceneRuleSchema } from './SceneRule';

const d = (label: string, x1: number, y1: number, x2: number, y2: number, confidence = 0.9): Detection => ({ classId: 0, label, confidence, box: { x1, y1, x2, y2 } });

describe('scene rules', () => {
  it('no-helmet: a person without a helmet inside the box violates, one with a helmet does not', () => {
    const bare = d('person', 100, 100, 200, 300);
    const hatted = d('person', 400, 100, 500, 300);
    const hat = d('safehat', 420, 100, 470, 140);
    const strayHat = d('safehat', 700, 700, 750, 740);
    expect(evaluateSceneRule(BUILTIN_SCENE_RULES['no-helmet']!, [bare, hatted, hat, strayHat], 1280, 720)).toEqual([bare]);
  });

  it('zones are checked at the foot point; the dump-truck rule fires only inside', () => {
    const rule = { ...BUILTIN_SCENE_RULES['dump-truck-in-zone']!, zone: [[0, 0.5], [0.5, 0.5], [0.5, 1], [0, 1]] as [number, number][] };
    const inside = d('dump truck', 100, 300, 300, 500); // foot (200, 500) → (0.156, 0.69)
    const outside = d('dump truck', 900, 300, 1100, 500);
    expect(evaluateSceneRule(rule, [inside, outside, d('person', 0, 0, 10, 10)], 1280, 720)).toEqual([inside]);
    expect(pointInPolygon(0.25, 0.75, rule.zone)).toBe(true);
    expect(pointInPolygon(0.75, 0.75, rule.zone)).toBe(false);
  });

  it('phone in use near a person; custom conditions run in the safe evaluator only', () => {
    const phone = d('telephone', 150, 150, 170, 180);
    expect(evaluateSceneRule(BUILTIN_SCENE_RULES['phone-in-use']!, [phone, d('person', 100, 100, 200, 300)], 1280, 720)).toEqual([phone]);
    const custom = sceneRuleSchema.parse({ key: 'conf', name: { 'zh-CN': '高置信', en: 'confident' }, subject: 'person', when: 'confidence >= 0.8 && box.y2 > height / 2', hazardTitle: 't' });
    expect(evaluateSceneRule(custom, [d('person', 0, 0, 10, 500, 0.85), d('person', 0, 0, 10, 500, 0.5), d('person', 0, 0, 10, 100)], 1280, 720)).toHaveLength(1);
    const hostile = { ...custom, when: "constructor.constructor('return process')()" };
    expect(() => evaluateSceneRule(hostile, [d('person', 0, 0, 10, 10)], 100, 100)).toThrow(expect.objectContaining({ code: 'detect.rule_invalid' }));
  });
});
