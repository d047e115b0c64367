import { describe, expect, it } from 'vitest';
import { validateFieldRules } from './validateFieldRules';
import { isValidUscc, usccCheckChar } from './uscc';

describe('统一社会信用代码 (USCC) check', () => {
  it('accepts codes whose check character matches GB 32100-2015 and rejects any single change', () => {
    // given: real-world shaped codes completed with their computed check character
    const codes = ['91330108MA2H0X1A2', '91330100MA27XL0E3', '12100000400010275'].map((p) => p + usccCheckChar(p));
    for (const c of codes) expect(isValidUscc(c), c).toBe(true);
    // Alibaba (Hangzhou)'s published code
    expect(isValidUscc('91330100799655058B')).toBe(true);
    // then: a typo in any position is caught
    const base = codes[0]!;
    for (let i = 0; i < 18; i++) {
      const swapped = base.slice(0, i) + (base[i] === '1' ? '2' : '1') + base.slice(i + 1);
      expect(isValidUscc(swapped), swapped).toBe(false);
    }
  });

  it('rejects wrong length, lower case and the excluded letters I O Z S V', () => {
    expect(isValidUscc('91330100799655058')).toBe(false);
    expect(isValidUscc('91330100799655058b')).toBe(false);
    expect(isValidUscc('9133010079965505IB')).toBe(false);
    expect(isValidUscc('')).toBe(false);
  });

  it('is the form format `uscc`', () => {
    const field = { type: 'string', 'x-validator': 'uscc' };
    expect(validateFieldRules(field, '91330100799655058B')).toEqual([]);
    expect(validateFieldRules(field, '91330100799655058C').map((f) => f.code)).toEqual(['form.format']);
  });
});
