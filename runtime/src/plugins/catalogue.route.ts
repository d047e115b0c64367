import { z } from 'zod';
import type { AppDeps } from '../app/AppDeps';
import { defineRoute, type AnyRoute } from '../http/defineRoute';

const Localized = z.object({ 'zh-CN': z.string(), en: z.string() });

/** One task type of the catalogue. */
export const TaskTypeItem = z.object({
  topic: z.string(),
  name: Localized,
  description: Localized.optional(),
  configSchema: z.record(z.string(), z.unknown()),
  external: z.boolean().optional(),
  plugin: z.string(),
});

/** `GET /api/v1/catalogue/task-types`: every task type a worker serves (the modeler's palette and properties panel). */
export function catalogueRoutes(deps: AppDeps): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/catalogue/task-types',
      summary: 'Task types (external-task topics) served by registered plugins, built-in workers and configured remote workers, with their config JSON Schema',
      tags: ['plugins'],
      response: z.object({ items: z.array(TaskTypeItem) }),
      handler: async () => ({ items: deps.taskTypes.catalogue() }),
    }),
  ];
}
