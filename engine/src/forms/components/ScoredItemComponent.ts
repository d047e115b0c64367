import { z } from 'zod';
import type { ComponentIssue, FormComponentDefinition } from './FormComponentDefinition';
import { checkFileRefs, fileRefSchema } from './fileRef';

/** The hazard an inspector describes on a failed item. */
export const scoredHazardSchema = z.object({
  description: z.string().max(2000).optional(),
  level: z.enum(['general', 'major']).optional(),
  location: z.string().max(500).optional(),
});

/** Value of a checklist item. */
export const scoredItemValueSchema = z.object({
  result: z.enum(['pass', 'fail', 'na']),
  note: z.string().max(4000).optional(),
  photos: z.array(fileRefSchema).max(20).optional(),
  hazard: scoredHazardSchema.optional(),
});

/** A checklist item's value. */
export type ScoredItemValue = z.infer<typeof scoredItemValueSchema>;

/** Props of a checklist item. */
export interface ScoredItemProps {
  score?: number;
  weight?: number;
  critical?: boolean;
  allowNa?: boolean;
  onFail?: { requireNote?: boolean; requirePhoto?: boolean; raiseHazard?: boolean };
}

/**
 * One checklist item (pass / fail / N/A) with its scoring props. Checks: N/A
 * only when `allowNa` (`scored.na_not_allowed`); on fail, `onFail.requireNote`
 * and `onFail.requirePhoto` (`scored.note_required`, `scored.photo_required`);
 * photos owned by the submitter's organisation and images by their sniffed
 * type (`photo.not_image`; server only).
 */
export const ScoredItemComponent: FormComponentDefinition = {
  name: 'ScoredItem',
  role: 'field',
  valueSchema: scoredItemValueSchema,
  propertySchema: {
    type: 'object',
    properties: {
      score: { type: 'number', minimum: 0, title: '分值', 'x-title-en': 'Score' },
      weight: { type: 'number', minimum: 0, title: '权重', 'x-title-en': 'Weight' },
      critical: { type: 'boolean', title: '否决项', 'x-title-en': 'Critical' },
      allowNa: { type: 'boolean', title: '允许不适用', 'x-title-en': 'Allow N/A' },
      onFail: {
        type: 'object',
        title: '不合格时',
        'x-title-en': 'On fail',
        properties: {
          requireNote: { type: 'boolean', title: '必须填写说明', 'x-title-en': 'Require a note' },
          requirePhoto: { type: 'boolean', title: '必须拍照', 'x-title-en': 'Require a photo' },
          raiseHazard: { type: 'boolean', title: '登记隐患', 'x-title-en': 'Raise a hazard' },
        },
      },
    },
  },
  defaultProps: {
    score: 1,
    weight: 1,
    critical: false,
    allowNa: true,
    onFail: { requireNote: true, requirePhoto: false, raiseHazard: false },
  },
  palette: {
    group: 'safeflow',
    order: 50,
    title: { 'zh-CN': '检查项 (评分)', en: 'Checklist item' },
    snippet: {
      type: 'object',
      title: '检查项',
      'x-decorator': 'FormItem',
      'x-component': 'ScoredItem',
      'x-component-props': { score: 1, weight: 1, critical: false, allowNa: true, onFail: { requireNote: true, requirePhoto: false, raiseHazard: false } },
    },
    rules: ['required'],
  },
  validate(value, props, ctx) {
    const v = value as ScoredItemValue;
    const p = props as ScoredItemProps;
    const issues: ComponentIssue[] = [];
    if (v.result === 'na' && p.allowNa === false)
      issues.push({ code: 'scored.na_not_allowed', path: 'result' });
    if (v.result === 'fail') {
      if (p.onFail?.requireNote && !(v.note ?? '').trim())
        issues.push({ code: 'scored.note_required', path: 'note' });
      if (p.onFail?.requirePhoto && !(v.photos?.length ?? 0))
        issues.push({ code: 'scored.photo_required', path: 'photos' });
    }
    if (!v.photos?.length) return issues;
    return checkFileRefs(v.photos, ctx, 'photos', (ref, info, path) =>
      /^image\//i.test(info.mime) ? [] : [{ code: 'photo.not_image', params: { fileId: ref.fileId }, path }],
    ).then((more) => [...issues, ...more]);
  },
};
