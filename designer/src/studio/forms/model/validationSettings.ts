import type { FormSchema } from '@safeflow/engine/forms';

/** What the validation tab edits for one field. Absent = rule off. */
export interface ValidationSettings {
  required?: boolean;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  /** Named formats (`email`, `phone`, `idcard`...) written to `x-validator`. */
  formats?: string[];
  /** A custom message shown when a format or pattern fails. */
  message?: string;
}

const NUMERIC = ['minLength', 'maxLength', 'minimum', 'maximum', 'minItems', 'maxItems'] as const;
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)\s*(?:[+*]|\{\d+,?\d*\})/;

function validatorList(node: FormSchema): Array<Record<string, unknown>> {
  const v = node['x-validator'];
  const list = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return list.map((r) => (typeof r === 'string' ? { format: r } : (r as Record<string, unknown>)));
}

/** Reads a field's validation settings from its schema keywords and `x-validator`. */
export function readValidation(node: FormSchema): ValidationSettings {
  const out: ValidationSettings = {};
  if (node.required === true) out.required = true;
  for (const k of NUMERIC) if (typeof node[k] === 'number') out[k] = node[k] as number;
  if (typeof node.pattern === 'string') out.pattern = node.pattern;
  const rules = validatorList(node);
  const formats = rules.map((r) => r.format).filter((f): f is string => typeof f === 'string');
  if (formats.length) out.formats = formats;
  const message = rules.map((r) => r.message).find((m): m is string => typeof m === 'string');
  if (message) out.message = message;
  return out;
}

/** The schema keys to set for `settings` (`undefined` removes a key), for `field.update`. */
export function validationPatch(settings: ValidationSettings): Record<string, unknown> {
  const set: Record<string, unknown> = { required: settings.required ? true : undefined };
  for (const k of NUMERIC) set[k] = typeof settings[k] === 'number' && Number.isFinite(settings[k]) ? settings[k] : undefined;
  set.pattern = settings.pattern ? settings.pattern : undefined;
  const message = settings.message?.trim() || undefined;
  const formats = settings.formats?.filter(Boolean) ?? [];
  set['x-validator'] = formats.length ? formats.map((format) => (message ? { format, message } : { format })) : undefined;
  return set;
}

/** Why `settings` cannot be saved (a stable code), or undefined: bad or catastrophic regex, min above max. */
export function validationProblem(settings: ValidationSettings): string | undefined {
  if (settings.pattern) {
    try {
      new RegExp(settings.pattern);
    } catch {
      return 'designer.invalid_pattern';
    }
    if (NESTED_QUANTIFIER.test(settings.pattern)) return 'designer.unsafe_pattern';
  }
  const pairs = [['minLength', 'maxLength'], ['minimum', 'maximum'], ['minItems', 'maxItems']] as const;
  for (const [lo, hi] of pairs) {
    const a = settings[lo];
    const b = settings[hi];
    if (typeof a === 'number' && typeof b === 'number' && a > b) return 'designer.min_above_max';
  }
  return undefined;
}
