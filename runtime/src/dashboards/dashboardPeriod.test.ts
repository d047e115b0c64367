import { describe, expect, it } from 'vitest';
import { bucketsOf, parseDashboardPeriod } from './dashboardPeriod';

const iso = (ms: number) => new Date(ms).toISOString();
const NOW = Date.parse('2026-12-03T09:00:00.000Z');

describe('parseDashboardPeriod', () => {
  it('gives Beijing-time calendar bounds of months, quarters, years and the last 12 months', () => {
    // when
    const periods = ['2026-11', '2026-Q4', '2026', 'last12Months'].map((period) => parseDashboardPeriod({ period }, NOW));
    // then
    expect(periods.map((p) => [iso(p.from), iso(p.to)])).toEqual([
      ['2026-10-31T16:00:00.000Z', '2026-11-30T16:00:00.000Z'],
      ['2026-09-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z'],
      ['2025-12-31T16:00:00.000Z', '2026-12-31T16:00:00.000Z'],
      ['2025-12-31T16:00:00.000Z', '2026-12-31T16:00:00.000Z'],
    ]);
    expect(parseDashboardPeriod({}, NOW, 'month').label).toBe('2026-12');
    expect(parseDashboardPeriod({}, NOW, 'quarter').label).toBe('2026-Q4');
    expect(parseDashboardPeriod({ from: 1, to: 5 }, NOW)).toMatchObject({ from: 1, to: 5 });
  });

  it('refuses malformed, half and reversed periods with dashboard.invalid_period', () => {
    for (const q of [{ period: '2026-13' }, { period: '2026-Q5' }, { from: 5 }, { from: 5, to: 1 }, { period: '2026', from: 1, to: 2 }, { from: 0, to: 11 * 366 * 86_400_000 }]) {
      expect(() => parseDashboardPeriod(q, NOW), JSON.stringify(q)).toThrow(expect.objectContaining({ code: 'dashboard.invalid_period' }));
    }
  });
});

describe('bucketsOf', () => {
  it('cuts a period into calendar buckets (weeks from Monday), clipped to the period', () => {
    // given
    const q4 = parseDashboardPeriod({ period: '2026-Q4' }, NOW);
    const nov = parseDashboardPeriod({ period: '2026-11' }, NOW);
    // when
    const months = bucketsOf(q4, 'month');
    const weeks = bucketsOf(nov, 'week');
    const quarters = bucketsOf(parseDashboardPeriod({ period: '2026' }, NOW), 'quarter');
    // then
    expect(months.map((b) => b.key)).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(iso(months[1]!.from)).toBe('2026-10-31T16:00:00.000Z');
    expect(weeks.map((b) => b.key)).toEqual(['2026-10-26', '2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23', '2026-11-30']);
    expect(weeks[0]!.from).toBe(nov.from); // 2026-11-01 is a Sunday: its week started in October, clipped
    expect(weeks[5]!.to).toBe(nov.to);
    expect(quarters.map((b) => b.key)).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
    expect(bucketsOf(nov, 'day')).toHaveLength(30);
    expect(() => bucketsOf(parseDashboardPeriod({ from: 0, to: 500 * 86_400_000 }, NOW), 'day')).toThrow(expect.objectContaining({ code: 'dashboard.too_many_buckets' }));
  });
});
