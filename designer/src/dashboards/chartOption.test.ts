import { describe, expect, it } from 'vitest';
import { chartOption, formatValue } from './chartOption';
import type { WidgetData } from './dashboardsApi';

const tx = (x: { zh: string }) => x.zh;
const drill = (n: string) => ({ kind: 'ledger' as const, view: 'v', orgId: null, filters: [{ field: 'grade', op: 'eq', values: [n] }] });
const base: WidgetData = {
  id: 'w',
  type: 'bar',
  title: { zh: '隐患', en: 'Hazards' },
  span: 2,
  series: [
    { key: 'found', title: { zh: '发现', en: 'Found' }, unit: 'count' },
    { key: 'rate', title: { zh: '整改率', en: 'Rate' }, unit: 'percent' },
  ],
  groups: [
    { key: 'a', label: { zh: 'A', en: 'A' }, color: null, orgId: 'oa', rank: null, values: { found: 3, rate: 50 }, drill: { found: drill('a'), rate: drill('a') } },
    { key: 'b', label: { zh: 'B', en: 'B' }, color: '#ff0000', orgId: 'ob', rank: null, values: { found: 0, rate: null }, drill: { found: drill('b'), rate: null } },
  ],
  totals: { values: {}, drill: {} },
  error: null,
};

describe('chartOption', () => {
  it('draws groups as bars with percentages as a line on a second axis, and maps clicks to the group’s drill-down', () => {
    // when
    const { option, drill: at } = chartOption(base, tx, false);
    // then
    const series = option.series as Array<{ type: string; yAxisIndex: number; data: number[] }>;
    expect(series.map((s) => [s.type, s.yAxisIndex, s.data])).toEqual([
      ['bar', 0, [3, 0]],
      ['line', 1, [50, 0]],
    ]);
    expect(at(0, 1)).toEqual(drill('b'));
    expect(at(1, 1)).toBeNull();
  });

  it('draws a donut of the first series with declared colours, and a gauge of the percentage total', () => {
    // when
    const pie = chartOption({ ...base, type: 'donut' }, tx, true);
    const gauge = chartOption({ ...base, type: 'gauge', totals: { values: { found: 4, rate: 62.5 }, drill: { rate: drill('x') } } }, tx, true);
    // then
    const data = (pie.option.series as Array<{ data: Array<{ value: number; itemStyle: { color: string } }> }>)[0]!.data;
    expect(data.map((d) => [d.value, d.itemStyle.color])).toEqual([
      [3, '#1e88e5'],
      [0, '#ff0000'],
    ]);
    expect((gauge.option.series as Array<{ data: Array<{ value: number }> }>)[0]!.data[0]!.value).toBe(62.5);
    expect(gauge.drill(0, 0)).toEqual(drill('x'));
    expect([formatValue(42.857, 'percent'), formatValue(null, 'count'), formatValue(7, 'count')]).toEqual(['42.9%', '—', '7']);
  });
});
