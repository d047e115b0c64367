import type { FormSchema } from './FormSchema';

/** One case of the validation corpus run in Node and in Chromium. */
export interface ValidationCorpusCase {
  name: string;
  schema: FormSchema;
  values: unknown;
  /** Expected errors as `path code`, in order. */
  expectedErrors: string[];
  /** When given, the cleaned values must equal this. */
  expectedValues?: Record<string, unknown>;
}

const sha = 'a'.repeat(64);
const photo = (fileId: string, mime = 'image/jpeg', size = 1000) => ({
  fileId,
  name: `${fileId}.jpg`,
  size,
  mime,
  sha256: sha,
});
const obj = (properties: Record<string, FormSchema>): FormSchema => ({ type: 'object', properties });

const scored = (props: Record<string, unknown> = {}): FormSchema => ({
  type: 'object',
  'x-component': 'ScoredItem',
  'x-decorator': 'FormItem',
  'x-component-props': { score: 1, ...props },
});

const lec: FormSchema = obj({
  L: { type: 'number', 'x-component': 'Select', enum: [10, 6, 3, 1, 0.5, 0.2, 0.1], required: true },
  E: { type: 'number', 'x-component': 'Select', enum: [10, 6, 3, 2, 1, 0.5], required: true },
  C: { type: 'number', 'x-component': 'Select', enum: [100, 40, 15, 7, 3, 1], required: true },
  D: {
    type: 'number',
    'x-component': 'InputNumber',
    'x-pattern': 'readOnly',
    'x-reactions': {
      dependencies: ['L', 'E', 'C'],
      fulfill: { state: { value: '{{$deps[0] * $deps[1] * $deps[2]}}' } },
    },
  },
});

const fire: FormSchema = obj({
  hasFire: { type: 'string', enum: ['yes', 'no'], 'x-component': 'Radio.Group', required: true },
  extinguisherCount: {
    type: 'number',
    'x-component': 'InputNumber',
    minimum: 1,
    'x-reactions': {
      dependencies: ['hasFire'],
      fulfill: { state: { visible: "{{$deps[0] === 'yes'}}", required: "{{$deps[0] === 'yes'}}" } },
    },
  },
});

/**
 * (schema, values, expected errors) cases covering required, types, enums,
 * patterns, bounds, formats, linkage-hidden fields, computed fields,
 * ScoredItem onFail and unknown-key stripping. No server context: the same
 * results are expected in Node and in the browser.
 */
export const VALIDATION_CORPUS: ValidationCorpusCase[] = [
  {
    name: 'required string missing',
    schema: obj({ name: { type: 'string', 'x-component': 'Input', required: true } }),
    values: {},
    expectedErrors: ['name form.required'],
  },
  {
    name: 'required empty string',
    schema: obj({ name: { type: 'string', 'x-component': 'Input', required: true } }),
    values: { name: '' },
    expectedErrors: ['name form.required'],
  },
  {
    name: 'required via parent array',
    schema: {
      type: 'object',
      required: ['a'],
      properties: { a: { type: 'string', 'x-component': 'Input' } },
    },
    values: { a: null },
    expectedErrors: ['a form.required'],
  },
  {
    name: 'required via x-validator with custom message',
    schema: obj({
      a: { type: 'string', 'x-component': 'Input', 'x-validator': [{ required: true, message: '请填写A' }] },
    }),
    values: {},
    expectedErrors: ['a form.required'],
  },
  {
    name: 'string type mismatch',
    schema: obj({ name: { type: 'string', 'x-component': 'Input' } }),
    values: { name: 12 },
    expectedErrors: ['name form.type'],
  },
  {
    name: 'number type mismatch (numeric string)',
    schema: obj({ n: { type: 'number', 'x-component': 'InputNumber' } }),
    values: { n: '12' },
    expectedErrors: ['n form.type'],
  },
  {
    name: 'boolean type mismatch',
    schema: obj({ b: { type: 'boolean', 'x-component': 'Switch' } }),
    values: { b: 'true' },
    expectedErrors: ['b form.type'],
  },
  {
    name: 'array type mismatch',
    schema: obj({ tags: { type: 'array', 'x-component': 'Checkbox.Group', enum: ['a', 'b'] } }),
    values: { tags: 'a' },
    expectedErrors: ['tags form.type'],
  },
  {
    name: 'enum member ok',
    schema: obj({
      c: {
        type: 'string',
        'x-component': 'Select',
        enum: [
          { label: 'A', value: 'a' },
          { label: 'B', value: 'b' },
        ],
      },
    }),
    values: { c: 'b' },
    expectedErrors: [],
  },
  {
    name: 'enum violation',
    schema: obj({ c: { type: 'string', 'x-component': 'Select', enum: ['a', 'b'] } }),
    values: { c: 'z' },
    expectedErrors: ['c form.enum'],
  },
  {
    name: 'enum violation in multi-select',
    schema: obj({ c: { type: 'array', 'x-component': 'Checkbox.Group', enum: ['a', 'b'] } }),
    values: { c: ['a', 'q'] },
    expectedErrors: ['c form.enum'],
  },
  {
    name: 'pattern violation',
    schema: obj({ code: { type: 'string', 'x-component': 'Input', pattern: '^[A-Z]{3}-\\d{2}$' } }),
    values: { code: 'ab-1' },
    expectedErrors: ['code form.pattern'],
  },
  {
    name: 'pattern ok',
    schema: obj({ code: { type: 'string', 'x-component': 'Input', pattern: '^[A-Z]{3}-\\d{2}$' } }),
    values: { code: 'ABC-12' },
    expectedErrors: [],
  },
  {
    name: 'minLength / maxLength',
    schema: obj({
      a: { type: 'string', 'x-component': 'Input', minLength: 3 },
      b: { type: 'string', 'x-component': 'Input', maxLength: 2 },
    }),
    values: { a: 'ab', b: 'abc' },
    expectedErrors: ['a form.min_length', 'b form.max_length'],
  },
  {
    name: 'minimum / maximum',
    schema: obj({ a: { type: 'number', 'x-component': 'InputNumber', minimum: 1, maximum: 10 } }),
    values: { a: 11 },
    expectedErrors: ['a form.maximum'],
  },
  {
    name: 'exclusive bounds',
    schema: obj({ a: { type: 'number', 'x-component': 'InputNumber', exclusiveMinimum: 0 } }),
    values: { a: 0 },
    expectedErrors: ['a form.exclusive_minimum'],
  },
  {
    name: 'x-validator format phone and email',
    schema: obj({
      p: { type: 'string', 'x-component': 'Input', 'x-validator': 'phone' },
      e: { type: 'string', 'x-component': 'Input', 'x-validator': { format: 'email' } },
    }),
    values: { p: '12345', e: 'x@y.cn' },
    expectedErrors: ['p form.format'],
  },
  {
    name: 'empty optional value passes every rule',
    schema: obj({ a: { type: 'string', 'x-component': 'Input', minLength: 3, pattern: '^x' } }),
    values: { a: '' },
    expectedErrors: [],
    expectedValues: { a: '' },
  },
  {
    name: 'unknown keys stripped',
    schema: obj({
      a: { type: 'string', 'x-component': 'Input' },
      grp: obj({ b: { type: 'number', 'x-component': 'InputNumber' } }),
    }),
    values: { a: 'x', evil: 1, grp: { b: 2, c: 3 } },
    expectedErrors: [],
    expectedValues: { a: 'x', grp: { b: 2 } },
  },
  {
    name: 'void layout containers flatten',
    schema: obj({
      card: {
        type: 'void',
        'x-component': 'Card',
        properties: { a: { type: 'string', 'x-component': 'Input', required: true } },
      },
    }),
    values: { card: { a: 'no' } },
    expectedErrors: ['a form.required'],
    expectedValues: {},
  },
  {
    name: 'linkage hides field: required skipped and value dropped',
    schema: fire,
    values: { hasFire: 'no', extinguisherCount: 'junk' },
    expectedErrors: [],
    expectedValues: { hasFire: 'no' },
  },
  {
    name: 'linkage shows field: required enforced',
    schema: fire,
    values: { hasFire: 'yes' },
    expectedErrors: ['extinguisherCount form.required'],
  },
  {
    name: 'linkage shows field: bounds enforced',
    schema: fire,
    values: { hasFire: 'yes', extinguisherCount: 0 },
    expectedErrors: ['extinguisherCount form.minimum'],
  },
  {
    name: 'static x-display none dropped',
    schema: obj({ a: { type: 'string', 'x-component': 'Input', 'x-display': 'none', required: true } }),
    values: { a: 'x' },
    expectedErrors: [],
    expectedValues: {},
  },
  {
    name: 'static hidden keeps value but skips rules',
    schema: obj({ a: { type: 'string', 'x-component': 'Input', 'x-display': 'hidden', minLength: 5 } }),
    values: { a: 'x' },
    expectedErrors: [],
    expectedValues: { a: 'x' },
  },
  {
    name: 'read-only field skips rules',
    schema: obj({ a: { type: 'string', 'x-component': 'Input', 'x-pattern': 'readOnly', required: true } }),
    values: {},
    expectedErrors: [],
  },
  {
    name: 'computed D = L*E*C overrides the client value',
    schema: lec,
    values: { L: 3, E: 6, C: 15, D: 1 },
    expectedErrors: [],
    expectedValues: { L: 3, E: 6, C: 15, D: 270 },
  },
  { name: 'LEC enum violation', schema: lec, values: { L: 4, E: 6, C: 15 }, expectedErrors: ['L form.enum'] },
  {
    name: 'ScoredItem pass',
    schema: obj({ i1: scored() }),
    values: { i1: { result: 'pass', extra: 1 } },
    expectedErrors: [],
    expectedValues: { i1: { result: 'pass' } },
  },
  {
    name: 'ScoredItem fail requires note and photo',
    schema: obj({ i1: scored({ onFail: { requireNote: true, requirePhoto: true } }) }),
    values: { i1: { result: 'fail' } },
    expectedErrors: ['i1.note scored.note_required', 'i1.photos scored.photo_required'],
  },
  {
    name: 'ScoredItem fail with note and photo ok',
    schema: obj({ i1: scored({ onFail: { requireNote: true, requirePhoto: true } }) }),
    values: { i1: { result: 'fail', note: '灭火器过期', photos: [photo('f1')] } },
    expectedErrors: [],
  },
  {
    name: 'ScoredItem N/A not allowed',
    schema: obj({ i1: scored({ allowNa: false }) }),
    values: { i1: { result: 'na' } },
    expectedErrors: ['i1.result scored.na_not_allowed'],
  },
  {
    name: 'ScoredItem bad result value',
    schema: obj({ i1: scored() }),
    values: { i1: { result: 'maybe' } },
    expectedErrors: ['i1.result form.invalid_value'],
  },
  {
    name: 'Photo count and mime',
    schema: obj({
      p: { type: 'array', 'x-component': 'Photo', 'x-component-props': { minCount: 2, maxSizeKb: 1 } },
    }),
    values: { p: [photo('f1', 'application/pdf', 5000)] },
    expectedErrors: ['p photo.too_few', 'p.0 photo.not_image', 'p.0 photo.too_large'],
  },
  {
    name: 'Location outside geofence',
    schema: obj({
      loc: {
        type: 'object',
        'x-component': 'Location',
        'x-component-props': { geofence: { lat: 31.23, lng: 121.47, radiusM: 100 } },
      },
    }),
    values: { loc: { lat: 31.25, lng: 121.47, capturedAt: '2026-01-01T00:00:00Z' } },
    expectedErrors: ['loc location.outside_geofence'],
  },
  {
    name: 'array rows validated and cleaned',
    schema: obj({
      rows: {
        type: 'array',
        'x-component': 'ArrayTable',
        minItems: 1,
        items: obj({
          name: { type: 'string', 'x-component': 'Input', required: true },
          qty: { type: 'number', 'x-component': 'InputNumber', minimum: 0 },
        }),
      },
    }),
    values: { rows: [{ name: 'a', qty: 1, x: 1 }, { qty: -1 }] },
    expectedErrors: ['rows.1.name form.required', 'rows.1.qty form.minimum'],
    expectedValues: { rows: [{ name: 'a', qty: 1 }, {}] },
  },
  {
    name: 'array minItems',
    schema: obj({
      rows: {
        type: 'array',
        'x-component': 'ArrayItems',
        minItems: 2,
        items: obj({ name: { type: 'string', 'x-component': 'Input' } }),
      },
    }),
    values: { rows: [{ name: 'a' }] },
    expectedErrors: ['rows form.min_length'],
  },
  {
    name: 'unknown component',
    schema: obj({ a: { type: 'string', 'x-component': 'EvilWidget' } }),
    values: { a: 'x' },
    expectedErrors: ['a form.unknown_component'],
  },
  {
    name: 'absent value falls back to the schema default',
    schema: obj({
      a: { type: 'string', 'x-component': 'Input', default: '正常', required: true },
      b: { type: 'number', 'x-component': 'InputNumber', default: 3, maximum: 2 },
    }),
    values: {},
    expectedErrors: ['b form.maximum'],
    expectedValues: { a: '正常' },
  },
  {
    name: 'required array of a linked object applies to its children, also when the object is absent',
    schema: obj({
      show: { type: 'boolean', 'x-component': 'Switch' },
      grp: {
        type: 'object',
        required: ['a'],
        'x-visible': '{{$values.show !== false}}',
        properties: {
          a: { type: 'string', 'x-component': 'Input' },
          b: { type: 'string', 'x-component': 'Input' },
        },
      },
    }),
    values: { show: true },
    expectedErrors: ['grp.a form.required'],
    expectedValues: { show: true },
  },
  {
    name: 'linked object hidden: its required children are skipped',
    schema: obj({
      show: { type: 'boolean', 'x-component': 'Switch' },
      grp: {
        type: 'object',
        required: ['a'],
        'x-visible': '{{$values.show !== false}}',
        properties: {
          a: { type: 'string', 'x-component': 'Input' },
          b: { type: 'string', 'x-component': 'Input' },
        },
      },
    }),
    values: { show: false, grp: { b: 'x' } },
    expectedErrors: [],
    expectedValues: { show: false },
  },
  {
    name: 'root must be an object',
    schema: obj({ a: { type: 'string', 'x-component': 'Input' } }),
    values: ['x'],
    expectedErrors: [' form.type'],
  },
];
