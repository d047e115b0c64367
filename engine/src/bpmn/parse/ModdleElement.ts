/**
 * The slice of a bpmn-moddle element the parser reads. Moddle's generated
 * types do not cover the camunda extension, so properties are read as
 * `unknown` and narrowed by the small readers below.
 */
export interface ModdleElement {
  readonly $type: string;
  readonly id?: string;
  readonly name?: string;
  readonly [property: string]: unknown;
}

/** A string property, trimmed; undefined when absent or blank. */
export function str(el: ModdleElement | undefined, prop: string): string | undefined {
  const v = el?.[prop];
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  return t === '' ? undefined : t;
}

/** A string property, untrimmed (for expressions and texts whose spacing matters). */
export function raw(el: ModdleElement | undefined, prop: string): string | undefined {
  const v = el?.[prop];
  return typeof v === 'string' ? v : undefined;
}

/** A boolean property; moddle gives booleans, but hand-written XML may give strings. */
export function bool(el: ModdleElement | undefined, prop: string): boolean {
  const v = el?.[prop];
  return v === true || v === 'true';
}

/** An element-valued property. */
export function child(el: ModdleElement | undefined, prop: string): ModdleElement | undefined {
  const v = el?.[prop];
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as ModdleElement) : undefined;
}

/** A list-valued property ([] when absent). */
export function list(el: ModdleElement | undefined, prop: string): ModdleElement[] {
  const v = el?.[prop];
  return Array.isArray(v) ? (v as ModdleElement[]) : [];
}

/** The `body` of a formal expression child (`<timeDate>`, `<conditionExpression>`, ...). */
export function body(el: ModdleElement | undefined, prop: string): string | undefined {
  const v = child(el, prop);
  return v ? str(v, 'body') : undefined;
}

/** The extension elements of the given `$type`. */
export function extensions(el: ModdleElement, type: string): ModdleElement[] {
  return list(child(el, 'extensionElements'), 'values').filter((v) => v.$type === type);
}
