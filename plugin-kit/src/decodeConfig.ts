import { SafeFlowError } from '@safeflow/engine/errors';
import type { z } from 'zod';

/**
 * Parses a task's `camunda:properties` (all strings) with its task type's
 * config schema. First the strings as they are; if that fails, with each
 * value the schema rejected that reads as JSON (numbers, booleans, null,
 * objects, arrays) decoded — so `threshold="0.5"` fits both `z.string()` and `z.number()`.
 * @throws SafeFlowError `task_type.invalid_config` (400) with the zod issues in `details`.
 */
export function decodeConfig<C>(topic: string, schema: z.ZodType<C>, props: Record<string, string> | undefined): C {
  const raw = props ?? {};
  const first = schema.safeParse(raw);
  if (first.success) return first.data;
  // decode only the properties the schema rejected as strings
  const rejected = new Set(first.error.issues.map((i) => String(i.path[0] ?? '')));
  const decoded = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, rejected.has(k) ? jsonish(v) : v]));
  const second = schema.safeParse(decoded);
  if (second.success) return second.data;
  const issues = second.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  throw new SafeFlowError('task_type.invalid_config', `Invalid configuration of the '${topic}' task: ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`, {
    status: 400,
    details: { topic, issues },
  });
}

function jsonish(v: string): unknown {
  const t = v.trim();
  if (!/^(-?\d|true$|false$|null$|\{|\[|")/.test(t)) return v;
  try {
    return JSON.parse(t);
  } catch {
    return v;
  }
}
