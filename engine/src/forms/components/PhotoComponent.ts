import { z } from 'zod';
import type { FormComponentDefinition } from './FormComponentDefinition';
import { checkFileRefs, fileRefSchema, type FileRef } from './fileRef';

/** Props of the Photo component. */
export interface PhotoProps {
  minCount?: number;
  maxCount?: number;
  maxSizeKb?: number;
  compress?: { maxWidth?: number; quality?: number };
  stamp?: { time?: boolean; location?: boolean };
}

/**
 * Photo capture: the value is an array of file references. Server checks:
 * count bounds, image mime, size, and each file owned by the submitter's
 * organisation. Note: like every Formily rule, these pass an empty value —
 * "at least one photo" needs `required: true` on the field.
 */
export const PhotoComponent: FormComponentDefinition = {
  name: 'Photo',
  role: 'field',
  valueSchema: z.array(fileRefSchema).max(100),
  propertySchema: {
    type: 'object',
    properties: {
      minCount: { type: 'integer', minimum: 0, title: '最少张数', 'x-title-en': 'Min photos' },
      maxCount: { type: 'integer', minimum: 1, maximum: 100, title: '最多张数', 'x-title-en': 'Max photos' },
      maxSizeKb: { type: 'integer', minimum: 1, title: '单张上限 (KB)', 'x-title-en': 'Max size per photo (KB)' },
      compress: {
        type: 'object',
        title: '压缩',
        'x-title-en': 'Compression',
        properties: {
          maxWidth: { type: 'integer', minimum: 100, title: '最大宽度', 'x-title-en': 'Max width' },
          quality: { type: 'number', minimum: 0.1, maximum: 1, title: '质量', 'x-title-en': 'Quality' },
        },
      },
      stamp: {
        type: 'object',
        title: '水印',
        'x-title-en': 'Stamp',
        properties: {
          time: { type: 'boolean', title: '时间', 'x-title-en': 'Time' },
          location: { type: 'boolean', title: '位置', 'x-title-en': 'Location' },
        },
      },
    },
  },
  defaultProps: {
    minCount: 0,
    maxCount: 9,
    maxSizeKb: 10240,
    compress: { maxWidth: 1920, quality: 0.8 },
    stamp: { time: true, location: true },
  },
  palette: {
    group: 'safeflow',
    order: 10,
    title: { 'zh-CN': '现场拍照', en: 'Photo' },
    snippet: { type: 'array', title: '现场照片', 'x-decorator': 'FormItem', 'x-component': 'Photo', 'x-component-props': { maxCount: 9 } },
    rules: ['required'],
  },
  async validate(value, props, ctx) {
    const refs = value as FileRef[];
    const p = props as PhotoProps;
    const issues = [];
    if (typeof p.minCount === 'number' && refs.length < p.minCount)
      issues.push({ code: 'photo.too_few', params: { min: p.minCount } });
    if (typeof p.maxCount === 'number' && refs.length > p.maxCount)
      issues.push({ code: 'photo.too_many', params: { max: p.maxCount } });
    issues.push(
      ...(await checkFileRefs(refs, ctx, '', (ref, info, path) => {
        const out = [];
        if (!/^image\//i.test(info.mime))
          out.push({ code: 'photo.not_image', params: { fileId: ref.fileId }, path });
        if (typeof p.maxSizeKb === 'number' && info.size > p.maxSizeKb * 1024)
          out.push({ code: 'photo.too_large', params: { fileId: ref.fileId, maxSizeKb: p.maxSizeKb }, path });
        return out;
      })),
    );
    return issues;
  },
};
