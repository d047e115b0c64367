import { describe, expect, it } from 'vitest';
import { periodFromQuery, periodToQuery } from './periodQuery';

describe('periodQuery', () => {
  it('writes month, quarter, year and custom ranges (Beijing days, end inclusive) and reads them back', () => {
    // given
    const states = [
      { kind: 'month' as const, value: '2026-11' },
      { kind: 'quarter' as const, value: '2026', quarter: 4 },
      { kind: 'year' as const, value: '2026' },
      { kind: 'custom' as const, range: ['2026-06-01', '2026-06-30'] as [string, string] },
      { kind: 'last12Months' as const },
    ];
    // when
    const queries = states.map(periodToQuery);
    // then
    expect(queries).toEqual([
      { period: '2026-11' },
      { period: '2026-Q4' },
      { period: '2026' },
      { from: '2026-06-01T00:00:00+08:00', to: '2026-06-30T16:00:00.000Z' },
      { period: 'last12Months' },
    ]);
    expect(queries.map(periodFromQuery)).toEqual(states);
  });
});
