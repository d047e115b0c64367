import { z } from 'zod';
import type { ComponentIssue, FormComponentDefinition, PropertySchema } from './FormComponentDefinition';
import { checkFileRefs, fileRefSchema } from './fileRef';

const commonProps: PropertySchema = {
  type: 'object',
  properties: {
    placeholder: { type: 'string', title: '占位提示' },
    clearable: { type: 'boolean', title: '可清空' },
  },
};

const scalar = z.union([z.string(), z.number(), z.boolean()]);

/** Options from a remote dictionary (`x-component-props.dictionaryKey`) must be members of it (server only). */
async function checkDictionary(
  value: unknown,
  props: Record<string, unknown>,
  ctx: Parameters<NonNullable<FormComponentDefinition['validate']>>[2],
): Promise<ComponentIssue[]> {
  const key = props.dictionaryKey;
  if (typeof key !== 'string' || !ctx.server) return [];
  const items = Array.isArray(value) ? value : [value];
  const issues: ComponentIssue[] = [];
  for (const item of items) {
    if (!(await ctx.server.dictionaryHas(key, item)))
      issues.push({
        code: 'form.dictionary_mismatch',
        params: { value: JSON.stringify(item), dictionary: key },
      });
  }
  return issues;
}

function field(
  name: string,
  valueSchema: z.ZodType,
  propertySchema: PropertySchema = commonProps,
  extra: Partial<FormComponentDefinition> = {},
): FormComponentDefinition {
  return { name, role: 'field', valueSchema, propertySchema, defaultProps: {}, ...extra };
}

function layout(name: string, role: 'layout' | 'decorator' = 'layout'): FormComponentDefinition {
  return { name, role, propertySchema: { type: 'object', properties: {} }, defaultProps: {} };
}

const optionsProps: PropertySchema = {
  type: 'object',
  properties: {
    dictionaryKey: { type: 'string', title: '数据字典' },
    multiple: { type: 'boolean', title: '多选' },
    placeholder: { type: 'string' },
  },
};

/**
 * The `@formily/element-plus` components SafeFlow allows in forms, with the
 * value shapes the server accepts. `Upload` stores SafeFlow file references.
 */
export const STANDARD_FORM_COMPONENTS: FormComponentDefinition[] = [
  field('Input', z.string().max(10_000), {
    type: 'object',
    properties: {
      placeholder: { type: 'string' },
      maxlength: { type: 'integer', minimum: 1 },
      clearable: { type: 'boolean' },
    },
  }),
  field('Input.TextArea', z.string().max(100_000), {
    type: 'object',
    properties: {
      placeholder: { type: 'string' },
      rows: { type: 'integer', minimum: 1 },
      maxlength: { type: 'integer', minimum: 1 },
    },
  }),
  field('Password', z.string().max(1_000)),
  field('InputNumber', z.number(), {
    type: 'object',
    properties: {
      min: { type: 'number' },
      max: { type: 'number' },
      step: { type: 'number' },
      precision: { type: 'integer', minimum: 0 },
    },
  }),
  field('Select', z.union([scalar, z.array(scalar).max(1_000)]), optionsProps, { validate: checkDictionary }),
  field('Cascader', z.union([scalar, z.array(z.union([scalar, z.array(scalar)])).max(1_000)]), optionsProps, {
    validate: checkDictionary,
  }),
  field('Radio.Group', scalar, optionsProps, { validate: checkDictionary }),
  field('Checkbox', z.boolean()),
  field('Checkbox.Group', z.array(scalar).max(1_000), optionsProps, { validate: checkDictionary }),
  field('Switch', z.boolean()),
  field(
    'DatePicker',
    z.union([z.string().max(40), z.number(), z.array(z.union([z.string().max(40), z.number()])).max(2)]),
    {
      type: 'object',
      properties: {
        type: {
          type: 'string',
          enum: ['date', 'datetime', 'daterange', 'datetimerange', 'month', 'year', 'week'],
        },
        format: { type: 'string' },
      },
    },
  ),
  field('TimePicker', z.union([z.string().max(40), z.array(z.string().max(40)).max(2)])),
  field('Transfer', z.array(scalar).max(10_000), optionsProps, { validate: checkDictionary }),
  field(
    'Upload',
    z.array(fileRefSchema).max(100),
    { type: 'object', properties: { limit: { type: 'integer', minimum: 1 }, accept: { type: 'string' } } },
    {
      validate: (value, _props, ctx) => checkFileRefs(value as z.infer<typeof fileRefSchema>[], ctx, ''),
    },
  ),
  field('PreviewText.Input', z.string().max(10_000)),
  layout('FormItem', 'decorator'),
  layout('Editable', 'decorator'),
  layout('Editable.Popover', 'decorator'),
  ...[
    'FormLayout',
    'FormGrid',
    'FormGrid.GridColumn',
    'Card',
    'Space',
    'FormCollapse',
    'FormCollapse.Item',
    'FormTab',
    'FormTab.TabPane',
    'FormStep',
    'FormStep.StepPane',
    'FormButtonGroup',
    'ArrayItems',
    'ArrayItems.Item',
    'ArrayItems.Addition',
    'ArrayItems.Remove',
    'ArrayItems.Index',
    'ArrayItems.SortHandle',
    'ArrayItems.MoveUp',
    'ArrayItems.MoveDown',
    'ArrayTable',
    'ArrayTable.Column',
    'ArrayTable.Addition',
    'ArrayTable.Remove',
    'ArrayTable.Index',
    'ArrayTable.SortHandle',
    'ArrayTable.MoveUp',
    'ArrayTable.MoveDown',
    'ArrayCards',
    'ArrayCollapse',
    'ArrayCollapse.CollapsePanel',
    'ArrayTabs',
  ].map((n) => layout(n)),
];
