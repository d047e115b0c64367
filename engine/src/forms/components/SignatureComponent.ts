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
      penColor: { type: 'string', title: '笔迹颜色' },
      height: { type: 'integer', minimum: 80, maximum: 600, title: '画板高度' },
    },
  },
  defaultProps: { penColor: '#000000', height: 200 },
  async validate(value, _props, ctx) {
    return checkFileRefs([value as FileRef], ctx, '', (_ref, info) =>
      info.mime === 'image/png' ? [] : [{ code: 'signature.not_png' }],
    ).then((issues) => issues.map(({ path: _path, ...rest }) => rest));
  },
};
