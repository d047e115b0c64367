import { describe, expect, it } from 'vitest';
import { parseHazardPeriod } from './hazardStatistics';

describe('parseHazardPeriod', () => {
  it('gives Beijing-time calendar bounds and the signature due dates (15th of the next quarter; Jan 31)', () => {
    const q4 = parseHazardPeriod('2026-Q4');
    expect([new Date(q4.from).toISOString(), new Date(q4.to).toISOString(), q4.dueDate]).toEqual(['2026-09-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z', '2027-01-15']);
    expect(parseHazardPeriod('2026-Q1').dueDate).toBe('2026-04-15');
    const y = parseHazardPeriod('2026');
    expect([new Date(y.from).toISOString(), y.dueDate, y.label]).toEqual(['2025-12-31T16:00:00.000Z', '2027-01-31', '2026年度']);
    expect(() => parseHazardPeriod('2026-Q5')).toThrow(/YYYY-Qn/);
  });
});
