import { describe, expect, it } from 'vitest';
import { hostileExpressions } from '../expression/hostileExpressions.fixture';
import { createFormComponentRegistry } from './components/createFormComponentRegistry';
import type { FormSchema } from './FormSchema';
import { lintFormSchema } from './lintFormSchema';

const good: FormSchema = {
  type: 'object',
  properties: {
    card: {
      type: 'void',
      'x-component': 'Card',
      properties: {
        hasFire: {
          type: 'string',
          title: '是否动火',
          'x-component': 'Radio.Group',
          'x-decorator': 'FormItem',
          enum: ['yes', 'no'],
        },
        count: {
          type: 'number',
          'x-component': 'InputNumber',
          'x-decorator': 'FormItem',
          'x-reactions': [
            { dependencies: ['hasFire'], fulfill: { state: { visible: "{{$deps[0] === 'yes'}}" } } },
          ],
        },
      },
    },
    rows: {
      type: 'array',
      'x-component': 'ArrayTable',
      items: {
        type: 'object',
        properties: {
          qty: { type: 'number', 'x-component': 'InputNumber' },
          note: {
            type: 'string',
            'x-component': 'Input',
            'x-reactions': { dependencies: ['.qty'], fulfill: { state: { required: '{{$deps[0] > 3}}' } } },
          },
        },
      },
    },
  },
};

const codes = (schema: unknown, opts?: Parameters<typeof lintFormSchema>[1]) =>
  lintFormSchema(schema, opts).map((i) => `${i.path} ${i.code}`);

describe('lintFormSchema', () => {
  it('passes a sound schema', () => {
    expect(lintFormSchema(good)).toEqual([]);
  });

  it('rejects every hostile expression of the corpus in a title, a reaction and component props, each with its path', () => {
    for (const hostile of hostileExpressions) {
      // given
      const expr = `{{${hostile}}}`;
      const schema: FormSchema = {
        type: 'object',
        properties: {
          a: {
            type: 'string',
            title: expr,
            'x-component': 'Input',
            'x-component-props': { placeholder: expr, nested: [{ label: expr }] },
            'x-reactions': [{ dependencies: ['b'], fulfill: { state: { visible: expr } } }],
          },
          b: { type: 'string', 'x-component': 'Input', 'x-visible': expr, default: expr },
        },
      };
      // when
      const issues = lintFormSchema(schema);
      // then
      const paths = new Set(issues.filter((i) => i.code.startsWith('expression.')).map((i) => i.path));
      expect([...paths].sort(), hostile).toEqual(
        [
          'properties.a.title',
          'properties.a.x-component-props.placeholder',
          'properties.a.x-component-props.nested[0].label',
          'properties.a.x-reactions[0].fulfill.state.visible',
          'properties.b.x-visible',
          'properties.b.default',
        ].sort(),
      );
    }
  });

  it('checks {{ }} fragments inside longer strings too', () => {
    expect(
      codes({
        type: 'object',
        properties: {
          a: { type: 'string', 'x-component': 'Input', description: 'see {{process.env}} here' },
        },
      }),
    ).toEqual([expect.stringMatching(/^properties\.a\.description expression\./)]);
  });

  it('rejects fulfill.run and unknown effects', () => {
    // given
    const schema = {
      type: 'object',
      properties: {
        a: {
          type: 'string',
          'x-component': 'Input',
          'x-reactions': {
            effects: ['onFieldInit', 'onEvil'],
            fulfill: { run: 'alert(1)' },
            otherwise: { run: 'x' },
          },
        },
      },
    };
    // then
    expect(codes(schema)).toEqual([
      'properties.a.x-reactions.fulfill.run form.run_forbidden',
      'properties.a.x-reactions.otherwise.run form.run_forbidden',
      'properties.a.x-reactions.effects[1] form.unknown_effect',
    ]);
  });

  it('reports dangling dependencies and targets, relative ones inside array rows included', () => {
    // given
    const schema = structuredClone(good) as FormSchema & { properties: Record<string, FormSchema> };
    const card = schema.properties.card!.properties!;
    card.count!['x-reactions'] = [
      {
        dependencies: ['hasFires', 'card.hasFire', 'hasFire#value'],
        target: 'ghost',
        fulfill: { state: { visible: true } },
      },
    ];
    (schema.properties.rows!.items as FormSchema).properties!.note!['x-reactions'] = {
      dependencies: ['.qtty', '..rows'],
      fulfill: { state: { required: true } },
    };
    // then
    expect(codes(schema)).toEqual([
      'properties.card.properties.count.x-reactions[0].dependencies[0] form.dangling_dependency',
      'properties.card.properties.count.x-reactions[0].target form.dangling_dependency',
      'properties.rows.items.properties.note.x-reactions.dependencies[0] form.dangling_dependency',
      'properties.rows.items.properties.note.x-reactions.dependencies[1] form.dangling_dependency', // '..rows' from rows.0.note is rows.rows
    ]);
  });

  it('reports unknown components and decorators against the given registry', () => {
    // given
    const registry = createFormComponentRegistry([
      { name: 'Input', role: 'field', propertySchema: {}, defaultProps: {} },
    ]);
    const schema = {
      type: 'object',
      properties: {
        a: { type: 'string', 'x-component': 'Input', 'x-decorator': 'FormItem' },
        b: { type: 'string', 'x-component': 'Evil' },
      },
    };
    // then
    expect(codes(schema, { components: registry })).toEqual([
      'properties.a.x-decorator form.unknown_component',
      'properties.b.x-component form.unknown_component',
    ]);
  });

  it('reports shapes that are not Formily JSON Schema', () => {
    // given
    const schema = {
      type: 'object',
      properties: {
        a: { type: 'text', 'x-component': 7, enum: 'a,b', required: 'yes', 'x-component-props': [] },
        b: 'nope',
      },
    };
    // then
    expect(codes(schema)).toEqual(
      expect.arrayContaining([
        'properties form.invalid_schema',
        'properties.a.type form.invalid_schema',
        'properties.a.x-component form.invalid_schema',
        'properties.a.x-component-props form.invalid_schema',
        'properties.a.enum form.invalid_schema',
        'properties.a.required form.invalid_schema',
      ]),
    );
    expect(codes([])).toEqual([' form.invalid_schema']);
    expect(codes({ type: 'string' })).toEqual(['type form.invalid_schema']);
  });

  it('reports invalid and catastrophic patterns and custom validator functions', () => {
    // given
    const schema = {
      type: 'object',
      properties: {
        a: {
          type: 'string',
          'x-component': 'Input',
          pattern: '(a+)+$',
          'x-validator': [{ pattern: '[' }, { validator: '{{() => 1}}' }],
        },
      },
    };
    // then
    expect(codes(schema)).toEqual(
      expect.arrayContaining([
        'properties.a.pattern form.unsafe_pattern',
        'properties.a.x-validator[0].pattern form.invalid_pattern',
        'properties.a.x-validator[1].validator form.unsupported_validator',
      ]),
    );
  });

  it('reports fields that rules or scores use but that no longer exist', () => {
    // then
    expect(
      codes(good, {
        referencedFields: [
          'hasFire',
          { field: 'rows.0.qty', by: 'ruleset safety.lec' },
          { field: 'L', by: 'ruleset safety.lec' },
        ],
      }),
    ).toEqual(['referencedFields[L] form.referenced_field_missing']);
  });
});
