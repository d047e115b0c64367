/** Characters of a 统一社会信用代码 (GB 32100-2015): digits and upper-case letters without I, O, Z, S, V. */
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** Weights of positions 1–17 (3^(i-1) mod 31). */
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character (position 18) of the first 17 characters of a USCC, or undefined when one is not in the charset. */
export function usccCheckChar(first17: string): string | undefined {
  if (first17.length !== 17) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CHARSET.indexOf(first17[i]!);
    if (v < 0) return undefined;
    sum += v * WEIGHTS[i]!;
  }
  return CHARSET[(31 - (sum % 31)) % 31];
}

/**
 * Whether `value` is a valid 统一社会信用代码: 18 characters — 登记管理部门代码
 * (1–9, A, N, Y), 机构类别代码, 6-digit 行政区划码, 9-character 组织机构代码 and the
 * GB 32100-2015 check character (weighted sum mod 31).
 */
export function isValidUscc(value: string): boolean {
  if (!/^[1-9ANY][0-9A-HJ-NPQRTUWXY]{2}\d{5}[0-9A-HJ-NPQRTUWXY]{10}$/.test(value)) return false;
  return usccCheckChar(value.slice(0, 17)) === value[17];
}
