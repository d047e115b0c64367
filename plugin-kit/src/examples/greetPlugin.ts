/**
 * A small, complete plugin (documented in plugin-kit/README.md): one task
 * type, `greet`, whose configuration (`greeting`, `times`) comes from the
 * task's camunda:properties and whose handler reads the `name` variable.
 * Load it with `PLUGINS=./plugin-kit/src/examples/greetPlugin.ts` or run it out
 * of process with `safeflow worker --plugin ./plugin-kit/src/examples/greetPlugin.ts`.
 */
import { z } from 'zod';
import { BpmnError } from '../worker/BpmnError';
import { definePlugin } from '../definePlugin';
import { defineTaskType } from '../defineTaskType';

export const greetTaskType = defineTaskType({
  topic: 'greet',
  name: { 'zh-CN': '问候', en: 'Greet' },
  description: { 'zh-CN': '生成一句问候语', en: 'Builds a greeting for the `name` variable' },
  configSchema: z.object({
    greeting: z.string().min(1).max(50).default('你好').describe('the greeting word'),
    times: z.number().int().min(1).max(5).default(1).describe('how often to repeat it'),
  }),
  async handler({ variables, config, services }) {
    const name = variables.name;
    if (typeof name !== 'string' || !name) throw new BpmnError('greet.no_name', 'nobody to greet');
    return { message: Array.from({ length: config.times }, () => `${config.greeting}, ${name}!`).join(' '), greetedAt: services.clock.now().toISOString() };
  },
});

export default definePlugin({
  name: '@safeflow/example-greet',
  version: '0.1.0',
  title: { 'zh-CN': '示例：问候', en: 'Example: greet' },
  taskTypes: [greetTaskType],
  designer: { palette: [{ topic: 'greet', group: 'examples' }] },
});
