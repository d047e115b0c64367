import type { LinkageRule } from '@safeflow/engine/forms';
import type { LinkageField } from './linkageFields';

type Locale = 'zh-CN' | 'en';

const OPS: Record<string, Record<Locale, string>> = {
  eq: { 'zh-CN': '等于', en: 'is' },
  ne: { 'zh-CN': '不等于', en: 'is not' },
  gt: { 'zh-CN': '大于', en: '>' },
  gte: { 'zh-CN': '大于等于', en: '≥' },
  lt: { 'zh-CN': '小于', en: '<' },
  lte: { 'zh-CN': '小于等于', en: '≤' },
  in: { 'zh-CN': '属于', en: 'is one of' },
  empty: { 'zh-CN': '为空', en: 'is empty' },
  notEmpty: { 'zh-CN': '不为空', en: 'is filled' },
};

const SETS: Record<string, Record<Locale, (v: unknown) => string>> = {
  display: { 'zh-CN': (v) => (v === 'visible' ? '显示' : '隐藏'), en: (v) => (v === 'visible' ? 'show' : 'hide') },
  visible: { 'zh-CN': (v) => (v ? '显示' : '隐藏'), en: (v) => (v ? 'show' : 'hide') },
  required: { 'zh-CN': (v) => (v ? '必填' : '选填'), en: (v) => (v ? 'require' : 'make optional') },
  pattern: { 'zh-CN': (v) => (v === 'editable' ? '可编辑' : v === 'disabled' ? '禁用' : '只读'), en: (v) => (v === 'editable' ? 'make editable' : v === 'disabled' ? 'disable' : 'make read-only') },
  value: { 'zh-CN': (v) => `赋值为 ${JSON.stringify(v)}`, en: (v) => `set to ${JSON.stringify(v)}` },
};

/** The operator's label. */
export function opLabel(op: string, locale: Locale): string {
  return OPS[op]?.[locale] ?? op;
}

/**
 * A rule as a sentence for the rule list: "当 是否有明火 等于 是 时：显示、必填 灭火器数量"
 * / "When Fire is yes: show, require Extinguishers". Option values are shown by their labels.
 */
export function describeRule(rule: LinkageRule, fields: LinkageField[], locale: Locale): string {
  const byPath = new Map(fields.map((f) => [f.path, f]));
  const title = (p: string) => byPath.get(p)?.title ?? p;
  const show = (p: string, v: unknown) => {
    const label = byPath.get(p)?.options.find((o) => o.value === v)?.label;
    return label ?? JSON.stringify(v);
  };
  const all = 'all' in rule.when;
  const conds = 'all' in rule.when ? rule.when.all : rule.when.any;
  const parts = conds.map((c) => {
    const value = 'value' in c ? (Array.isArray(c.value) ? c.value.map((v) => show(c.field, v)).join(locale === 'en' ? ', ' : '、') : show(c.field, c.value)) : '';
    return `${title(c.field)} ${opLabel(c.op, locale)}${value ? ' ' + value : ''}`;
  });
  const joiner = all ? (locale === 'en' ? ' and ' : ' 且 ') : locale === 'en' ? ' or ' : ' 或 ';
  const actions = rule.then.map((a) => {
    const sets = Object.entries(a.set).map(([k, v]) => SETS[k]?.[locale](v) ?? k);
    return `${sets.join(locale === 'en' ? ', ' : '、')} ${title(a.target)}`;
  });
  return locale === 'en' ? `When ${parts.join(joiner)}: ${actions.join('; ')}` : `当 ${parts.join(joiner)} 时：${actions.join('；')}`;
}
