import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTaskType } from './defineTaskType';
import { definePlugin } from './definePlugin';
import { createPluginRegistries, freezeRegistries, registerPlugin } from './PluginRegistries';

const echo = defineTaskType({
  topic: 'echo',
  name: { 'zh-CN': '回声', en: 'Echo' },
  description: { 'zh-CN': '原样返回', en: 'Returns its input' },
  configSchema: z.object({ times: z.number().int().min(1).default(1), prefix: z.string().optional() }),
  handler: async ({ config }) => ({ times: config.times }),
});

describe('plugin registries', () => {
  it('registers a plugin and lists its task types in the catalogue with a JSON Schema config', () => {
    // given
    const regs = createPluginRegistries(['legacy-sms']);
    // when
    registerPlugin(regs, definePlugin({ name: '@x/plugin-echo', taskTypes: [echo], detectors: [{ id: 'd1', modelFormat: 'onnx-yolov8' }] }));
    // then
    expect(regs.taskTypes.topics()).toEqual(['echo', 'legacy-sms']);
    expect(regs.taskTypes.serves('legacy-sms')).toBe(true);
    expect(regs.taskTypes.serves('nobody')).toBe(false);
    expect(regs.detectors.require('d1').modelFormat).toBe('onnx-yolov8');
    const [item, remote] = regs.taskTypes.catalogue();
    expect(item).toMatchObject({ topic: 'echo', name: { 'zh-CN': '回声', en: 'Echo' }, description: { en: 'Returns its input' }, plugin: '@x/plugin-echo' });
    expect(item.external).toBeUndefined();
    expect(item.configSchema).toMatchObject({ type: 'object', properties: { times: { type: 'integer', minimum: 1, default: 1 }, prefix: { type: 'string' } } });
    expect(remote).toEqual({ topic: 'legacy-sms', name: { 'zh-CN': 'legacy-sms', en: 'legacy-sms' }, configSchema: { type: 'object' }, external: true, plugin: 'remote' });
  });

  it('marks the task types of a plugin run out of process as external and keeps them out of inProcess()', () => {
    const regs = createPluginRegistries();
    registerPlugin(regs, definePlugin({ name: 'p', taskTypes: [echo] }), { external: true });
    expect(regs.taskTypes.catalogue()[0].external).toBe(true);
    expect(regs.taskTypes.inProcess()).toEqual([]);
    expect(regs.taskTypes.topics()).toEqual(['echo']);
  });

  it('rejects a second plugin with a taken topic and registers nothing of it', () => {
    // given
    const regs = createPluginRegistries();
    registerPlugin(regs, definePlugin({ name: 'first', taskTypes: [echo] }));
    // when / then
    expect(() => registerPlugin(regs, definePlugin({ name: 'second', taskTypes: [echo], formComponents: [{ name: 'Sig' }] }))).toThrow(
      expect.objectContaining({ code: 'plugin.duplicate_key', message: "task type 'echo' is registered twice: by first and by second" }),
    );
    expect(regs.plugins.keys()).toEqual(['first']);
    expect(regs.formComponents.has('Sig')).toBe(false);
    expect(() => registerPlugin(regs, definePlugin({ name: 'first' }))).toThrow(expect.objectContaining({ code: 'plugin.duplicate_key' }));
  });

  it('rejects duplicates inside one plugin, bad topics and names, and additions after freezing', () => {
    expect(() => definePlugin({ name: 'p', taskTypes: [echo, echo] })).toThrow(expect.objectContaining({ code: 'plugin.duplicate_key' }));
    expect(() => defineTaskType({ ...echo, topic: 'Bad Topic' })).toThrow(expect.objectContaining({ code: 'plugin.invalid_task_type' }));
    expect(() => defineTaskType({ ...echo, name: { 'zh-CN': '', en: 'x' } })).toThrow(expect.objectContaining({ code: 'plugin.invalid_task_type' }));
    const regs = freezeRegistries(createPluginRegistries());
    expect(() => registerPlugin(regs, definePlugin({ name: 'late', taskTypes: [echo] }))).toThrow(expect.objectContaining({ code: 'plugin.registry_frozen' }));
  });
});
