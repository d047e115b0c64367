import { z } from 'zod';

/** A task type as the modeler's topic picker shows it (the shape of `GET /api/v1/catalogue/task-types`). */
export const TaskTypeOut = z.object({
  topic: z.string(),
  name: z.object({ 'zh-CN': z.string(), en: z.string() }),
  description: z.object({ 'zh-CN': z.string(), en: z.string() }).optional(),
  configSchema: z.record(z.string(), z.unknown()),
  external: z.boolean().optional(),
});
/** See {@link TaskTypeOut}. */
export type TaskType = z.infer<typeof TaskTypeOut>;

/**
 * The built-in workers' task types with the `camunda:properties` each reads
 * (see `rulesWorker.ts` and `records/recordsWorker.ts`). `x-safeflow-ref`
 * tells the modeler which definitions a property picks from.
 */
export function builtinTaskTypes(): TaskType[] {
  return [
    {
      topic: 'rules',
      name: { 'zh-CN': '规则判定', en: 'Rules decision' },
      description: {
        'zh-CN': '用规则集（如 LEC 定级）计算输出变量',
        en: 'Evaluates a ruleset (e.g. LEC grading) into output variables',
      },
      configSchema: {
        type: 'object',
        required: ['ruleset'],
        properties: { ruleset: { type: 'string', title: 'Ruleset', 'x-safeflow-ref': 'ruleset' } },
      },
    },
    {
      topic: 'records',
      name: { 'zh-CN': '台账记录', en: 'Records' },
      description: {
        'zh-CN': '创建、更新台账记录或变更其状态',
        en: 'Creates or updates a record, or moves it to another state',
      },
      configSchema: {
        type: 'object',
        required: ['collection'],
        properties: {
          collection: { type: 'string', title: 'Collection', 'x-safeflow-ref': 'collection' },
          action: {
            type: 'string',
            title: 'Action',
            enum: ['create', 'update', 'transition'],
            default: 'create',
          },
          to: { type: 'string', title: 'Target state (transition)' },
          resultVariable: { type: 'string', title: 'Result variable (create)' },
          recordIdVariable: { type: 'string', title: 'Record id variable (update/transition)' },
        },
      },
    },
  ];
}
