/** The built-in scene rules of ai-detect (plugins/ai-detect/src/rules/SceneRule.ts; their names are in `patrol.rules`). */
export const SCENE_RULE_KEYS = ['no-helmet', 'phone-in-use', 'dump-truck-in-zone'] as const;

/** Properties a patrol sets itself (the stop's camera variable, camera as the source): not shown, not checked. */
export const PATROL_SET_KEYS = new Set(['cameraVariable', 'photoVariable', 'source']);

/** The part of a config property's JSON Schema the check reads. */
export interface CheckedProperty {
  type?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
}

/** What is wrong with one config value: missing, or not a number in the schema's bounds (integer where asked). */
export type ConfigProblem = { kind: 'required' } | { kind: 'number'; min?: number; max?: number };

/** Checks a config value (text, as `camunda:properties` hold it) against its schema property. */
export function configProblem(p: CheckedProperty, value: string, required: boolean): ConfigProblem | null {
  const v = value.trim();
  if (!v) return required ? { kind: 'required' } : null;
  if (p.type !== 'number' && p.type !== 'integer') return null;
  const min = p.minimum ?? p.exclusiveMinimum;
  const max = p.maximum ?? p.exclusiveMaximum;
  const n = Number(v);
  const bad = !Number.isFinite(n) || (p.type === 'integer' && !Number.isInteger(n))
    || (p.minimum !== undefined && n < p.minimum) || (p.maximum !== undefined && n > p.maximum)
    || (p.exclusiveMinimum !== undefined && n <= p.exclusiveMinimum) || (p.exclusiveMaximum !== undefined && n >= p.exclusiveMaximum);
  return bad ? { kind: 'number', min, max } : null;
}

/** True when every property of the schema has an acceptable value in the config. */
export function configValid(schema: { required?: string[]; properties?: Record<string, CheckedProperty> } | undefined, config: Record<string, string>, hidden: Set<string>): boolean {
  return Object.entries(schema?.properties ?? {}).every(([k, p]) => hidden.has(k) || !configProblem(p, config[k] ?? '', !!schema?.required?.includes(k)));
}
