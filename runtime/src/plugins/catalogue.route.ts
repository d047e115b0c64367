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

/** One plugin of `GET /api/v1/catalogue/plugins`. */
export const PluginItem = z.object({
  name: z.string(),
  version: z.string().optional(),
  title: Localized.optional(),
  taskTypes: z.array(z.string()),
  detectors: z.array(z.object({ id: z.string(), modelFormat: z.string(), labels: z.array(z.string()).optional() })),
  formComponents: z.array(z.object({ name: z.string(), title: Localized.optional(), binding: z.string().optional(), propertySchema: z.record(z.string(), z.unknown()).optional() })),
  designer: z.object({ palette: z.array(z.object({ topic: z.string(), icon: z.string().optional(), group: z.string().optional() })).optional() }).optional(),
});

/**
 * `GET /api/v1/catalogue/task-types`: every task type a worker serves (the
 * modeler's palette and properties panel); `GET /api/v1/catalogue/plugins`:
 * the installed plugins with their detectors, form components and designer
 * contributions (the Studio reads them).
 */
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
    defineRoute({
      method: 'get',
      path: '/catalogue/plugins',
      summary: 'Installed plugins (built-in first) with their task types, detectors, form components and designer contributions',
      tags: ['plugins'],
      response: z.object({ items: z.array(PluginItem) }),
      handler: async () => ({
        items: deps.plugins.values().map((p) => ({
          name: p.name,
          ...(p.version ? { version: p.version } : {}),
          ...(p.title ? { title: p.title } : {}),
          taskTypes: (p.taskTypes ?? []).map((t) => t.topic),
          detectors: (p.detectors ?? []).map((d) => ({ id: d.id, modelFormat: d.modelFormat, ...(d.labels ? { labels: [...d.labels] } : {}) })),
          formComponents: (p.formComponents ?? []).map((f) => ({
            name: f.name, ...(f.title ? { title: f.title } : {}), ...(f.binding ? { binding: f.binding } : {}), ...(f.propertySchema ? { propertySchema: f.propertySchema } : {}),
          })),
          ...(p.designer ? { designer: p.designer } : {}),
        })),
      }),
    }),
  ];
}
