import type { FormSchema } from '../FormSchema';
import type { FormLocale } from '../validationMessages';

/**
 * The designer's palette groups, in display order: basic inputs, choice,
 * date/time, upload, layout, array/table and SafeFlow's own components.
 */
export const FORM_COMPONENT_GROUPS = ['basic', 'choice', 'datetime', 'upload', 'layout', 'array', 'safeflow'] as const;

/** A palette group. */
export type FormComponentGroup = (typeof FORM_COMPONENT_GROUPS)[number];

/** Localised titles of the palette groups. */
export const FORM_COMPONENT_GROUP_TITLES: Record<FormComponentGroup, Record<FormLocale, string>> = {
  basic: { 'zh-CN': '基础输入', en: 'Basic inputs' },
  choice: { 'zh-CN': '选择', en: 'Choice' },
  datetime: { 'zh-CN': '日期时间', en: 'Date & time' },
  upload: { 'zh-CN': '上传', en: 'Upload' },
  layout: { 'zh-CN': '布局', en: 'Layout' },
  array: { 'zh-CN': '数组/表格', en: 'Array & table' },
  safeflow: { 'zh-CN': 'SafeFlow 专用', en: 'SafeFlow' },
};

/**
 * A validation rule the designer's validation tab offers for a component; each
 * is the JSON Schema keyword of the same name (`format` also writes named
 * formats to `x-validator`).
 */
export type ValidationRuleName =
  | 'required'
  | 'minLength'
  | 'maxLength'
  | 'minimum'
  | 'maximum'
  | 'minItems'
  | 'maxItems'
  | 'pattern'
  | 'format';

/**
 * How a component appears in the designer's palette. Components without a
 * palette entry (decorators, array helpers such as `ArrayItems.Remove`) are
 * valid in schemas but not offered on their own.
 */
export interface FormComponentPalette {
  group: FormComponentGroup;
  title: Record<FormLocale, string>;
  /** Sort order inside the group (lower first). */
  order: number;
  /**
   * The schema node inserted when the component is dropped (the designer adds
   * the generated field name, and for containers their children). Plain JSON,
   * never an expression.
   */
  snippet: FormSchema;
  /**
   * What may be dropped into it: `fields` (a void/object container: Card,
   * FormGrid, collapse panels...) or `rows` (an array whose `items` hold the
   * row's fields). Absent: a leaf.
   */
  accepts?: 'fields' | 'rows';
  /**
   * For `rows` containers whose row fields sit inside a column wrapper
   * (ArrayTable): the void node each dropped field is wrapped in; the
   * designer copies the field's title to the wrapper's `x-component-props.title`.
   */
  rowWrapper?: FormSchema;
  /** Rules the validation tab offers (always includes `required` for value fields). */
  rules: ValidationRuleName[];
  /** Whether the property panel offers an options editor for `enum` (choice components). */
  options?: boolean;
}
