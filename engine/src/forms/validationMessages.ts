/** Locales of validation messages. */
export type FormLocale = 'zh-CN' | 'en';

/**
 * Message templates by error code and locale (`{name}` placeholders). Kept
 * per call — never Formily's global `setValidateLanguage` — so concurrent
 * validations in different locales cannot mix.
 */
const MESSAGES: Record<string, Record<FormLocale, string>> = {
  'form.required': { 'zh-CN': '该字段是必填字段', en: 'The field value is required' },
  'form.type': { 'zh-CN': '该字段的类型应为 {expected}', en: 'The field value must be of type {expected}' },
  'form.enum': { 'zh-CN': '该字段的值不在可选项中', en: 'The field value is not one of the allowed options' },
  'form.min_length': {
    'zh-CN': '长度或条目数不能小于{min}',
    en: 'The length or number of entries must be at least {min}',
  },
  'form.max_length': {
    'zh-CN': '长度或条目数不能大于{max}',
    en: 'The length or number of entries must be at most {max}',
  },
  'form.len': { 'zh-CN': '长度或条目数必须为{len}', en: 'The length or number of entries must be {len}' },
  'form.minimum': { 'zh-CN': '数值不能小于{min}', en: 'The value must be at least {min}' },
  'form.maximum': { 'zh-CN': '数值不能大于{max}', en: 'The value must be at most {max}' },
  'form.exclusive_minimum': { 'zh-CN': '数值必须大于{min}', en: 'The value must be greater than {min}' },
  'form.exclusive_maximum': { 'zh-CN': '数值必须小于{max}', en: 'The value must be less than {max}' },
  'form.pattern': { 'zh-CN': '该字段不是一个合法的字段', en: 'This field is invalid' },
  'form.format': { 'zh-CN': '该字段不是合法的{format}格式', en: 'The field value is not a valid {format}' },
  'form.const': { 'zh-CN': '该字段的值必须等于{value}', en: 'The field value must equal {value}' },
  'form.multiple_of': {
    'zh-CN': '数值必须是{multipleOf}的倍数',
    en: 'The value must be a multiple of {multipleOf}',
  },
  'form.unique_items': { 'zh-CN': '条目不能重复', en: 'Entries must be unique' },
  'form.whitespace': { 'zh-CN': '该字段不能只包含空白字符', en: 'The field value cannot be blank' },
  'form.invalid_value': { 'zh-CN': '该字段的值不合法：{detail}', en: 'The field value is invalid: {detail}' },
  'form.unknown_component': {
    'zh-CN': '未知的表单组件 {component}',
    en: 'Unknown form component {component}',
  },
  'form.dictionary_mismatch': {
    'zh-CN': '{value} 不在字典 {dictionary} 中',
    en: '{value} is not in dictionary {dictionary}',
  },
  'file.not_owned': {
    'zh-CN': '文件 {fileId} 不属于提交人所在单位',
    en: "File {fileId} does not belong to the submitter's organisation",
  },
  'photo.too_few': { 'zh-CN': '至少需要 {min} 张照片', en: 'At least {min} photos are required' },
  'photo.too_many': { 'zh-CN': '最多允许 {max} 张照片', en: 'At most {max} photos are allowed' },
  'photo.not_image': { 'zh-CN': '文件 {fileId} 不是图片', en: 'File {fileId} is not an image' },
  'photo.too_large': {
    'zh-CN': '文件 {fileId} 超过 {maxSizeKb} KB',
    en: 'File {fileId} exceeds {maxSizeKb} KB',
  },
  'signature.not_png': { 'zh-CN': '签名必须是 PNG 图片', en: 'The signature must be a PNG image' },
  'location.outside_geofence': {
    'zh-CN': '位置距离允许范围中心 {distanceM} 米，超出 {radiusM} 米',
    en: 'The location is {distanceM} m from the geofence centre, beyond {radiusM} m',
  },
  'checkin.too_far': {
    'zh-CN': '签到位置距离任务地点 {distanceM} 米，超出 {radiusM} 米',
    en: 'The check-in is {distanceM} m from the task location, beyond {radiusM} m',
  },
  'checkin.qr_mismatch': {
    'zh-CN': '二维码与任务地点不符',
    en: "The QR code does not match the task location's code",
  },
  'checkin.no_task_location': {
    'zh-CN': '任务没有可签到的地点',
    en: 'The task has no location to check in at',
  },
  'checkin.in_future': { 'zh-CN': '签到时间晚于当前时间', en: 'The check-in time is in the future' },
  'scored.na_not_allowed': { 'zh-CN': '该检查项不允许选择"不适用"', en: 'This item does not allow N/A' },
  'scored.note_required': { 'zh-CN': '不合格时必须填写说明', en: 'A note is required when the item fails' },
  'scored.photo_required': { 'zh-CN': '不合格时必须上传照片', en: 'A photo is required when the item fails' },
};

/** The message of `code` in `locale` with `{param}` placeholders filled; falls back to the code itself. */
export function formMessage(code: string, locale: FormLocale, params: Record<string, unknown> = {}): string {
  const template = MESSAGES[code]?.[locale] ?? MESSAGES[code]?.en ?? code;
  return template.replace(/\{(\w+)\}/g, (_, k: string) =>
    params[k] === undefined ? `{${k}}` : String(params[k]),
  );
}

/** True when a message template exists for `code`. */
export function hasFormMessage(code: string): boolean {
  return code in MESSAGES;
}
