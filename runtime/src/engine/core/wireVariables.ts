import type { TypedValue, VariableMap, VariableType } from '@safeflow/engine/bpmn';
import { toTypedValue } from '@safeflow/engine/bpmn';
import { formatDate, parseDate } from './dates';
import { badRequest, invalidRequest } from './EngineRestError';

/** The Java type Camunda names when a value does not convert (VariableValueDto: "to java type ..."). */
const JAVA_TYPES: Partial<Record<VariableType, string>> = {
  String: 'java.lang.String',
  Boolean: 'java.lang.Boolean',
  Integer: 'java.lang.Integer',
  Short: 'java.lang.Short',
  Long: 'java.lang.Long',
  Double: 'java.lang.Double',
  Date: 'java.util.Date',
  File: '[B',
  Bytes: '[B',
};

/** A variable as it travels over `/engine-rest`. */
export interface WireVariable {
  value?: unknown;
  type?: string | null;
  valueInfo?: Record<string, unknown> | null;
}

const TYPES: Record<string, VariableType> = {
  null: 'Null',
  string: 'String',
  boolean: 'Boolean',
  integer: 'Integer',
  short: 'Short',
  long: 'Long',
  double: 'Double',
  date: 'Date',
  json: 'Json',
  object: 'Object',
  file: 'File',
  bytes: 'Bytes',
};

/** The result of reading request variables: what to store, and which are transient (used once, not stored). */
export interface ParsedVariables {
  variables: VariableMap;
  transient: string[];
}

/**
 * Reads a request's variable map. The type is matched after lower-casing its
 * first letter only (`json`/`Json` accepted, `JSON` rejected with 400
 * "Unsupported value type"); a missing type infers one from the value. Json
 * values arrive as JSON strings and are stored parsed; Dates are stored as ISO
 * strings; File and Bytes stay base64. Throws 400 InvalidRequestException for
 * values that do not fit their type.
 */
export function readWireVariables(input: unknown, what = 'variables'): ParsedVariables {
  const result: ParsedVariables = { variables: {}, transient: [] };
  if (input === undefined || input === null) return result;
  if (typeof input !== 'object' || Array.isArray(input)) {
    throw invalidRequest('engine.invalid_variables', `'${what}' must be an object of typed values`);
  }
  for (const [name, raw] of Object.entries(input as Record<string, WireVariable>)) {
    const tv = readWireVariable(name, raw);
    result.variables[name] = tv;
    if (raw && raw.valueInfo && raw.valueInfo.transient === true) result.transient.push(name);
  }
  return result;
}

/** Reads one typed value (see {@link readWireVariables}). */
export function readWireVariable(name: string, raw: WireVariable | null | undefined): TypedValue {
  if (raw === null || typeof raw !== 'object') {
    throw invalidRequest(
      'engine.invalid_variables',
      `Variable '${name}' must be an object with 'value' and 'type'`,
    );
  }
  const valueInfo = raw.valueInfo && typeof raw.valueInfo === 'object' ? { ...raw.valueInfo } : undefined;
  delete valueInfo?.transient;
  const value = raw.value;
  if (raw.type === undefined || raw.type === null || raw.type === '') {
    const inferred = toTypedValue(value);
    return valueInfo && Object.keys(valueInfo).length ? { ...inferred, valueInfo } : inferred;
  }
  const key = typeof raw.type === 'string' ? raw.type.charAt(0).toLowerCase() + raw.type.slice(1) : '';
  const type = TYPES[key];
  if (!type) {
    // Camunda's VariableValueDto.toTypedValue: a RestException, wrapped (or not) by the resource
    throw badRequest('engine.unsupported_value_type', `Unsupported value type '${String(raw.type)}'`);
  }
  const bad = () =>
    invalidRequest(
      'engine.invalid_variable_value',
      `Cannot convert value '${String(value)}' of type '${String(raw.type)}' to java type ${JAVA_TYPES[type] ?? 'java.lang.Object'}`,
    );
  const out = (v: unknown): TypedValue =>
    valueInfo && Object.keys(valueInfo).length ? { type, value: v, valueInfo } : { type, value: v };
  if (value === null || value === undefined) {
    if (type === 'File') throw bad();
    return out(null);
  }
  switch (type) {
    case 'Null':
      return { type, value: null };
    case 'String':
      if (typeof value === 'object') throw bad();
      return out(String(value));
    case 'Boolean':
      if (typeof value === 'boolean') return out(value);
      if (value === 'true' || value === 'false') return out(value === 'true');
      throw bad();
    case 'Integer':
    case 'Short':
    case 'Long': {
      const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      if (typeof n !== 'number' || !Number.isInteger(n)) throw bad();
      const limit = type === 'Short' ? 32767 : type === 'Integer' ? 2147483647 : Number.MAX_SAFE_INTEGER;
      if (n > limit || n < -limit - 1) throw bad();
      return out(n);
    }
    case 'Double': {
      const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      if (typeof n !== 'number' || !Number.isFinite(n)) throw bad();
      return out(n);
    }
    case 'Date': {
      let ms: number;
      try {
        ms = parseDate(value, name);
      } catch {
        throw bad();
      }
      return out(new Date(ms).toISOString());
    }
    case 'Json':
      if (typeof value !== 'string') return out(value);
      try {
        return out(JSON.parse(value));
      } catch {
        throw invalidRequest(
          'engine.invalid_variable_value',
          `Cannot convert value '${String(value)}' of type '${String(raw.type)}' to Json: it is not valid JSON`,
        );
      }
    case 'Object':
      return out(typeof value === 'string' ? value : JSON.stringify(value));
    case 'File':
    case 'Bytes':
      if (typeof value !== 'string') throw bad();
      return out(value);
    default:
      throw bad();
  }
}

/** Writes one stored value as Camunda does: Json as a JSON string, Date formatted, File without its content. */
export function toWireVariable(tv: TypedValue): {
  type: VariableType;
  value: unknown;
  valueInfo: Record<string, unknown>;
} {
  const valueInfo = { ...(tv.valueInfo ?? {}) };
  switch (tv.type) {
    case 'Json':
      return {
        type: 'Json',
        value: tv.value === null || tv.value === undefined ? null : JSON.stringify(tv.value),
        valueInfo,
      };
    case 'Date':
      return { type: 'Date', value: formatDate(tv.value as string), valueInfo };
    case 'File':
      return { type: 'File', value: null, valueInfo };
    default:
      return { type: tv.type, value: tv.value ?? null, valueInfo };
  }
}

/** Writes a variable map (optionally only `names`) for a response. */
export function toWireVariables(
  vars: VariableMap,
  names?: string[],
): Record<string, ReturnType<typeof toWireVariable>> {
  const out: Record<string, ReturnType<typeof toWireVariable>> = {};
  for (const [k, v] of Object.entries(vars)) if (!names || names.includes(k)) out[k] = toWireVariable(v);
  return out;
}
