import { describe, expect, it } from 'vitest';
import { compareVersions, satisfies } from './semverRange';

describe('semverRange', () => {
  it('compares versions numerically', () => {
    expect(compareVersions('1.10.0', '1.9.9')).toBeGreaterThan(0);
    expect(compareVersions('1.0.0', '1.0.0')).toBe(0);
    expect(compareVersions('0.9.0', '1.0.0')).toBeLessThan(0);
  });

  it('evaluates comparator sets, caret, tilde and alternatives', () => {
    expect(satisfies('0.1.0', '>=0.1.0 <1.0.0')).toBe(true);
    expect(satisfies('1.0.0', '>=0.1.0 <1.0.0')).toBe(false);
    expect(satisfies('0.0.9', '>=0.1.0 <1.0.0')).toBe(false);
    expect(satisfies('1.4.2', '^1.2.0')).toBe(true);
    expect(satisfies('2.0.0', '^1.2.0')).toBe(false);
    expect(satisfies('0.2.5', '^0.2.1')).toBe(true);
    expect(satisfies('0.3.0', '^0.2.1')).toBe(false);
    expect(satisfies('1.2.9', '~1.2.3')).toBe(true);
    expect(satisfies('1.3.0', '~1.2.3')).toBe(false);
    expect(satisfies('3.0.0', '^1.0.0 || >=3.0.0')).toBe(true);
    expect(satisfies('5.5.5', '*')).toBe(true);
    expect(() => satisfies('1.0.0', 'banana')).toThrow(/not a version range/);
  });
});
