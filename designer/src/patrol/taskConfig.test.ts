import { BUILTIN_SCENE_RULES } from '@safeflow/plugin-ai-detect';
import { describe, expect, it } from 'vitest';
import en from '@/i18n/messages/en/patrol';
import zh from '@/i18n/messages/zh-CN/patrol';
import { configProblem, configValid, SCENE_RULE_KEYS } from './taskConfig';

describe('patrol task config', () => {
  it('offers exactly the built-in scene rules, with the plugin’s own names', () => {
    expect([...SCENE_RULE_KEYS].sort()).toEqual(Object.keys(BUILTIN_SCENE_RULES).sort());
    for (const k of SCENE_RULE_KEYS) {
      expect(zh.rules[k]).toBe(BUILTIN_SCENE_RULES[k]!.name['zh-CN']);
      expect(en.rules[k]).toBe(BUILTIN_SCENE_RULES[k]!.name.en);
    }
  });

  it('checks required values and numbers against the schema bounds', () => {
    expect(configProblem({ type: 'string' }, '', true)).toEqual({ kind: 'required' });
    expect(configProblem({ type: 'string' }, '', false)).toBeNull();
    expect(configProblem({ type: 'integer', minimum: 1, maximum: 10 }, '3', false)).toBeNull();
    expect(configProblem({ type: 'integer', minimum: 1, maximum: 10 }, '2.5', false)).toEqual({ kind: 'number', min: 1, max: 10 });
    expect(configProblem({ type: 'integer', minimum: 1, maximum: 10 }, '11', false)).toEqual({ kind: 'number', min: 1, max: 10 });
    expect(configProblem({ type: 'number', minimum: 0, maximum: 1 }, 'abc', false)).toEqual({ kind: 'number', min: 0, max: 1 });
    expect(configProblem({ type: 'number', exclusiveMinimum: 0 }, '0', false)).toEqual({ kind: 'number', min: 0, max: undefined });
  });

  it('finds a whole config valid only when every shown property is', () => {
    const schema = { required: ['model', 'rule'], properties: { model: { type: 'string' }, rule: { type: 'string' }, frames: { type: 'integer', minimum: 1 }, cameraVariable: { type: 'string' } } };
    expect(configValid(schema, { model: 'ppe', rule: 'no-helmet' }, new Set(['cameraVariable']))).toBe(true);
    expect(configValid(schema, { model: 'ppe' }, new Set())).toBe(false);
    expect(configValid(schema, { model: 'ppe', rule: 'no-helmet', frames: '0' }, new Set())).toBe(false);
  });
});
