import type { FormComponentDefinition } from './FormComponentDefinition';
import { checkFileRefs, fileRefSchema, type FileRef } from './fileRef';

/**
 * Handwritten signature: the value is ONE file reference to a PNG uploaded
 * through the file API (not a data URL — data URLs bloat records and bypass
 * the file store's hashing and tenancy checks).
 */
export const SignatureComponent: FormComponentDefinition = {
  name: 'Signature',
  role: 'field',
  valueSchema: fileRefSchema,
  propertySchema: {
    type: 'object',
    properties: {
      penColor: { type: 'string', title: '笔迹颜色', 'x-title-en': 'Pen colour', 'x-editor': 'color' },
      height: { type: 'integer', minimum: 80, maximum: 600, title: '画板高度', 'x-title-en': 'Pad height' },
    },
  },
  defaultProps: { penColor: '#000000', height: 200 },
  palette: {
    group: 'safeflow',
    order: 20,
    title: { 'zh-CN': '手写签名', en: 'Signature' },
    snippet: { type: 'object', title: '签名', 'x-decorator': 'FormItem', 'x-component': 'Signature' },
    rules: ['required'],
  },
  async validate(value, _props, ctx) {
    return checkFileRefs([value as FileRef], ctx, '', (_ref, info) =>
      info.mime === 'image/png' ? [] : [{ code: 'signature.not_png' }],
    ).then((issues) => issues.map(({ path: _path, ...rest }) => rest));
  },
};
