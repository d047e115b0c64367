import { z } from 'zod';
import type { ComponentIssue, FormComponentDefinition, PropertySchema } from './FormComponentDefinition';
import { checkFileRefs, fileRefSchema } from './fileRef';
import { prop, props } from './prop';
import { STANDARD_PALETTE } from './standardPalette';

const placeholder = prop('string', '占位提示', 'Placeholder');
const clearable = prop('boolean', '可清空', 'Clearable');
const commonProps: PropertySchema = props({ placeholder, clearable });

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
  const palette = STANDARD_PALETTE[name];
  return { name, role: 'field', valueSchema, propertySchema, defaultProps: {}, ...(palette ? { palette } : {}), ...extra };
}

const LAYOUT_PROPS: Record<string, PropertySchema> = {
  Card: props({ title: prop('string', '标题', 'Title'), shadow: prop('string', '阴影', 'Shadow', { enum: ['always', 'hover', 'never'] }) }),
  FormGrid: props({
    maxColumns: prop('integer', '最多列数', 'Max columns', { minimum: 1, maximum: 6 }),
    minColumns: prop('integer', '最少列数', 'Min columns', { minimum: 1, maximum: 6 }),
    columnGap: prop('integer', '列间距', 'Column gap', { minimum: 0 }),
  }),
  FormLayout: props({
    labelCol: prop('integer', '标签宽度 (栅格)', 'Label columns', { minimum: 1, maximum: 24 }),
    wrapperCol: prop('integer', '控件宽度 (栅格)', 'Control columns', { minimum: 1, maximum: 24 }),
    layout: prop('string', '排列', 'Layout', { enum: ['horizontal', 'vertical', 'inline'] }),
  }),
  FormItem: props({ tooltip: prop('string', '提示', 'Tooltip'), colon: prop('boolean', '显示冒号', 'Colon') }),
  ArrayTable: props({ pagination: { ...prop('object', '分页', 'Paging'), ...props({ pageSize: prop('integer', '每页行数', 'Rows per page', { minimum: 1 }) }) } }),
};

function layout(name: string, role: 'layout' | 'decorator' = 'layout'): FormComponentDefinition {
  const palette = STANDARD_PALETTE[name];
  return { name, role, propertySchema: LAYOUT_PROPS[name] ?? props({}), defaultProps: {}, ...(palette ? { palette } : {}) };
}

const optionsProps: PropertySchema = props({
  dictionaryKey: prop('string', '数据字典', 'Dictionary', { 'x-editor': 'dictionary' }),
  multiple: prop('boolean', '多选', 'Multiple'),
  placeholder,
});

/**
 * The `@formily/element-plus` components SafeFlow allows in forms, with the
 * value shapes the server accepts. `Upload` stores SafeFlow file references.
 */
export const STANDARD_FORM_COMPONENTS: FormComponentDefinition[] = [
  field('Input', z.string().max(10_000), props({ placeholder, maxlength: prop('integer', '最大字数', 'Max length', { minimum: 1 }), clearable })),
  field(
    'Input.TextArea',
    z.string().max(100_000),
    props({ placeholder, rows: prop('integer', '行数', 'Rows', { minimum: 1 }), maxlength: prop('integer', '最大字数', 'Max length', { minimum: 1 }) }),
  ),
  field('Password', z.string().max(1_000), props({ placeholder })),
  field(
    'InputNumber',
    z.number(),
    props({
      min: prop('number', '最小值', 'Min'),
      max: prop('number', '最大值', 'Max'),
      step: prop('number', '步长', 'Step'),
      precision: prop('integer', '小数位', 'Decimals', { minimum: 0 }),
    }),
  ),
  field('Select', z.union([scalar, z.array(scalar).max(1_000)]), optionsProps, { validate: checkDictionary }),
  field('Cascader', z.union([scalar, z.array(z.union([scalar, z.array(scalar)])).max(1_000)]), optionsProps, {
    validate: checkDictionary,
  }),
  field('Radio.Group', scalar, optionsProps, { validate: checkDictionary }),
  field('Checkbox', z.boolean(), props({})),
  field('Checkbox.Group', z.array(scalar).max(1_000), optionsProps, { validate: checkDictionary }),
  field('Switch', z.boolean(), props({ activeText: prop('string', '开启文字', 'On text'), inactiveText: prop('string', '关闭文字', 'Off text') })),
  field(
    'DatePicker',
    z.union([z.string().max(40), z.number(), z.array(z.union([z.string().max(40), z.number()])).max(2)]),
    props({
      type: prop('string', '类型', 'Type', { enum: ['date', 'datetime', 'daterange', 'datetimerange', 'month', 'year', 'week'] }),
      format: prop('string', '显示格式', 'Display format'),
      valueFormat: prop('string', '值格式', 'Value format'),
    }),
  ),
  field('TimePicker', z.union([z.string().max(40), z.array(z.string().max(40)).max(2)]), props({ placeholder, format: prop('string', '显示格式', 'Display format') })),
  field('Transfer', z.array(scalar).max(10_000), optionsProps, { validate: checkDictionary }),
  field(
    'Upload',
    z.array(fileRefSchema).max(100),
    props({ limit: prop('integer', '最多文件数', 'Max files', { minimum: 1 }), accept: prop('string', '文件类型', 'Accepted types') }),
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
