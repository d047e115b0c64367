/**
 * One property of a component's property schema: a JSON Schema fragment with
 * the zh-CN `title` and the English `x-title-en` the property panel shows.
 */
export function prop(type: string, zh: string, en: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { type, title: zh, 'x-title-en': en, ...extra };
}

/** An object property schema from its properties. */
export function props(properties: Record<string, Record<string, unknown>>): { type: 'object'; properties: Record<string, Record<string, unknown>> } {
  return { type: 'object', properties };
}
