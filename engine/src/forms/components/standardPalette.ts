import type { FormSchema } from '../FormSchema';
import type { FormComponentGroup, FormComponentPalette, ValidationRuleName } from './FormComponentPalette';

const TEXT_RULES: ValidationRuleName[] = ['required', 'minLength', 'maxLength', 'pattern', 'format'];
const ITEMS_RULES: ValidationRuleName[] = ['required', 'minItems', 'maxItems'];

const sampleOptions = [
  { label: '选项一', value: 'option1' },
  { label: '选项二', value: 'option2' },
];

function field(type: string, component: string, zh: string, extra: FormSchema = {}): FormSchema {
  return { type, title: zh, 'x-decorator': 'FormItem', 'x-component': component, ...extra };
}

function entry(
  group: FormComponentGroup,
  order: number,
  zh: string,
  en: string,
  snippet: FormSchema,
  rules: ValidationRuleName[],
  more: Partial<FormComponentPalette> = {},
): FormComponentPalette {
  return { group, order, title: { 'zh-CN': zh, en }, snippet, rules, ...more };
}

/**
 * Palette entries of the `@formily/element-plus` components SafeFlow offers
 * in the designer, by component name. Array containers come with their
 * add/remove helpers so a dropped list works at once.
 */
export const STANDARD_PALETTE: Record<string, FormComponentPalette> = {
  Input: entry('basic', 10, '单行文本', 'Text', field('string', 'Input', '单行文本'), TEXT_RULES),
  'Input.TextArea': entry('basic', 20, '多行文本', 'Paragraph', field('string', 'Input.TextArea', '多行文本'), TEXT_RULES),
  InputNumber: entry('basic', 30, '数字', 'Number', field('number', 'InputNumber', '数字'), ['required', 'minimum', 'maximum']),
  Password: entry('basic', 40, '密码', 'Password', field('string', 'Password', '密码'), ['required', 'minLength', 'maxLength', 'pattern']),
  'Radio.Group': entry('choice', 10, '单选', 'Single choice', field('string', 'Radio.Group', '单选', { enum: sampleOptions }), ['required'], { options: true }),
  'Checkbox.Group': entry('choice', 20, '多选', 'Multiple choice', field('array', 'Checkbox.Group', '多选', { enum: sampleOptions }), ITEMS_RULES, { options: true }),
  Select: entry('choice', 30, '下拉选择', 'Dropdown', field('string', 'Select', '下拉选择', { enum: sampleOptions }), ['required'], { options: true }),
  Switch: entry('choice', 40, '开关', 'Switch', field('boolean', 'Switch', '开关'), ['required']),
  Checkbox: entry('choice', 50, '勾选', 'Checkbox', field('boolean', 'Checkbox', '勾选'), ['required']),
  DatePicker: entry('datetime', 10, '日期', 'Date', field('string', 'DatePicker', '日期', { 'x-component-props': { type: 'date' } }), ['required']),
  TimePicker: entry('datetime', 20, '时间', 'Time', field('string', 'TimePicker', '时间'), ['required']),
  Upload: entry('upload', 10, '附件', 'Attachments', field('array', 'Upload', '附件', { 'x-component-props': { limit: 5 } }), ITEMS_RULES),
  Card: entry('layout', 10, '分组卡片', 'Section card', { type: 'void', title: '分组', 'x-component': 'Card', 'x-component-props': { title: '分组' } }, [], { accepts: 'fields' }),
  FormGrid: entry('layout', 20, '栅格', 'Grid', { type: 'void', 'x-component': 'FormGrid', 'x-component-props': { maxColumns: 2 } }, [], { accepts: 'fields' }),
  FormLayout: entry('layout', 30, '表单布局', 'Form layout', { type: 'void', 'x-component': 'FormLayout', 'x-component-props': { labelCol: 6 } }, [], { accepts: 'fields' }),
  ArrayItems: entry(
    'array',
    10,
    '自增列表',
    'Repeating list',
    {
      type: 'array',
      title: '明细',
      'x-decorator': 'FormItem',
      'x-component': 'ArrayItems',
      items: {
        type: 'object',
        properties: { remove: { type: 'void', 'x-decorator': 'FormItem', 'x-component': 'ArrayItems.Remove', 'x-index': 1000 } },
      },
      properties: { add: { type: 'void', title: '添加一行', 'x-component': 'ArrayItems.Addition' } },
    },
    ITEMS_RULES,
    { accepts: 'rows' },
  ),
  ArrayTable: entry(
    'array',
    20,
    '自增表格',
    'Table',
    {
      type: 'array',
      title: '表格',
      'x-decorator': 'FormItem',
      'x-component': 'ArrayTable',
      items: {
        type: 'object',
        properties: {
          colRemove: {
            type: 'void',
            'x-component': 'ArrayTable.Column',
            'x-component-props': { title: '操作', width: 80 },
            'x-index': 1000,
            properties: { remove: { type: 'void', 'x-component': 'ArrayTable.Remove' } },
          },
        },
      },
      properties: { add: { type: 'void', title: '添加一行', 'x-component': 'ArrayTable.Addition' } },
    },
    ITEMS_RULES,
    { accepts: 'rows', rowWrapper: { type: 'void', 'x-component': 'ArrayTable.Column' } },
  ),
};
