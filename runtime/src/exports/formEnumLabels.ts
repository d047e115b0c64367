/** Enum labels of a form's fields: field name → value → label. */
export type FormEnumLabels = Record<string, Record<string, string>>;

/**
 * The labels of the `enum: [{ label, value }]` options in a form schema
 * (formily JSON), by the name of the property that declares them, nested
 * properties and array items included (the first declaration of a name
 * wins). Read as data only.
 */
export function formEnumLabels(schema: unknown, out: FormEnumLabels = {}, depth = 0): FormEnumLabels {
  if (depth > 32 || typeof schema !== 'object' || schema === null) return out;
  const node = schema as Record<string, unknown>;
  for (const key of ['properties', 'items']) {
    const child = node[key];
    if (key === 'items') {
      formEnumLabels(child, out, depth + 1);
      continue;
    }
    if (typeof child !== 'object' || child === null) continue;
    for (const [name, prop] of Object.entries(child as Record<string, unknown>)) {
      const en = (prop as { enum?: unknown } | null)?.enum;
      if (Array.isArray(en) && !out[name]) {
        const labels: Record<string, string> = {};
        for (const o of en) {
          const { label, value } = (o ?? {}) as { label?: unknown; value?: unknown };
          if (typeof label === 'string' && (typeof value === 'string' || typeof value === 'number')) labels[String(value)] = label;
        }
        if (Object.keys(labels).length) out[name] = labels;
      }
      formEnumLabels(prop, out, depth + 1);
    }
  }
  return out;
}
