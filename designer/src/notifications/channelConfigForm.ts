import type { ChannelType } from './notificationsApi';

/** One input of a channel's settings form, from its config JSON Schema. */
export interface ConfigField {
  name: string;
  kind: 'text' | 'list' | 'number' | 'boolean';
  required: boolean;
  secret: boolean;
}

/** The inputs of a channel type's settings (top-level properties of its JSON Schema). */
export function configFields(type: ChannelType | undefined): ConfigField[] {
  if (!type) return [];
  const required = new Set(type.configSchema.required ?? []);
  return Object.entries(type.configSchema.properties ?? {}).map(([name, p]) => ({
    name,
    kind: p.type === 'array' ? 'list' : p.type === 'number' || p.type === 'integer' ? 'number' : p.type === 'boolean' ? 'boolean' : 'text',
    required: required.has(name),
    secret: type.secretFields.includes(name),
  }));
}

/** Form values (lists as comma/line separated text) → the config object sent to the API (empty optional fields left out). */
export function configOf(fields: ConfigField[], values: Record<string, string | boolean>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = values[f.name];
    if (f.kind === 'boolean') out[f.name] = v === true;
    else if (typeof v !== 'string' || v.trim() === '') continue;
    else if (f.kind === 'list') out[f.name] = v.split(/[\s,，;；]+/).filter(Boolean);
    else if (f.kind === 'number') out[f.name] = Number(v);
    else out[f.name] = v.trim();
  }
  return out;
}

/** A stored config → form values. */
export function valuesOf(fields: ConfigField[], config: Record<string, unknown>): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {};
  for (const f of fields) {
    const v = config[f.name];
    out[f.name] = f.kind === 'boolean' ? v === true : Array.isArray(v) ? v.join(', ') : v === undefined || v === null ? '' : String(v);
  }
  return out;
}
