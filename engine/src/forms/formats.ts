import { isValidUscc } from './uscc';

/** A named format: a regular expression, or a check that a regular expression cannot express (a checksum). */
export interface FormFormat {
  test(value: string): boolean;
}

/**
 * Named formats of `format` / `x-validator: 'email'`, the same regular
 * expressions as `@formily/validator` 2.3 (so the browser and the server
 * agree), minus `ipv6` and `money`, plus SafeFlow's `uscc` (统一社会信用代码 with
 * its GB 32100-2015 check character).
 */
export const FORM_FORMATS: Record<string, FormFormat> = {
  url: /^(?:(?:(?:https?|ftp|rtmp):)?\/\/)(?:\S+(?::\S*)?@)?(?:(?!(?:10|127)(?:\.\d{1,3}){3})(?!(?:169\.254|192\.168)(?:\.\d{1,3}){2})(?!172\.(?:1[6-9]|2\d|3[0-1])(?:\.\d{1,3}){2})(?:22[0-3]|2[01]\d|[1-9]\d?|1\d\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d{1,2})){2}(?:\.(?:25[0-4]|2[0-4]\d|1\d\d|[1-9]\d?))|(?:(?:[a-z\u00a1-\uffff0-9_]-*)*[a-z\u00a1-\uffff0-9_]+)(?:\.(?:[a-z\u00a1-\uffff0-9_]-*)*[a-z\u00a1-\uffff0-9_]+)*(?:\.(?:[a-z\u00a1-\uffff_]{2,})))(?::\d{2,5})?(?:\/?\S*)?$/,
  email: /^\w+([-+.]\w+)*@\w+([-.]\w+)*\.\w+([-.]\w+)*$/,
  ipv4: /^((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[0-9]{1,2})\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[0-9]{1,2})$/,
  number: /^[+-]?\d+(\.\d+)?$/,
  integer: /^[+-]?\d+$/,
  qq: /^(\+?[1-9]\d*|0)$/,
  phone: /^\d{3}-\d{8}$|^\d{4}-\d{7}$|^\d{11}$/,
  idcard: /^\d{15}$|^\d{17}(\d|x|X)$/,
  zh: /^[\u4e00-\u9fa5]+$/,
  date: /^[0-9]+[./-][0-9]+[./-][0-9]+\s*(?:[0-9]+\s*:\s*[0-9]+\s*:\s*[0-9]+)?$/,
  zip: /^[0-9]{6}$/,
  uscc: { test: isValidUscc },
};
