import type { I18nText } from '@/api/ledgers';
import type { Drill, WidgetData } from './dashboardsApi';

/** A palette for series without declared colours. */
const PALETTE = ['#1e88e5', '#43a047', '#e53935', '#fb8c00', '#8e24aa', '#00897b', '#6d4c41', '#546e7a'];

/** What a click on chart element (seriesIndex, dataIndex) leads to. */
export type DrillLookup = (seriesIndex: number, dataIndex: number) => Drill | null;

/** The number shown for a value (percent with one decimal and %, others as they are, `—` for none). */
export function formatValue(v: number | null | undefined, unit: 'count' | 'number' | 'percent'): string {
  if (v === null || v === undefined) return '—';
  return unit === 'percent' ? `${v.toFixed(1)}%` : String(v);
}

/** The echarts option of a chart widget (line, bar, pie, donut, gauge) and how its clicks map to drill-downs. */
export function chartOption(w: WidgetData, tx: (x: I18nText) => string, phone: boolean): { option: Record<string, unknown>; drill: DrillLookup } {
  const tooltip = { trigger: w.type === 'line' || w.type === 'bar' ? 'axis' : 'item', confine: true };
  if (w.type === 'pie' || w.type === 'donut') {
    const s = w.series[0]!;
    return {
      option: {
        tooltip,
        legend: { bottom: 0, type: 'scroll' },
        series: [
          {
            type: 'pie',
            radius: w.type === 'donut' ? ['45%', '70%'] : '70%',
            center: ['50%', '45%'],
            label: phone ? { show: true, position: 'inside', formatter: '{c}' } : { formatter: '{b}: {c}' }, // phones: names in the legend only
            data: w.groups.map((g, i) => ({ name: tx(g.label), value: g.values[s.key] ?? 0, itemStyle: { color: g.color ?? PALETTE[i % PALETTE.length] } })),
          },
        ],
      },
      drill: (_si, di) => w.groups[di]?.drill[s.key] ?? null,
    };
  }
  if (w.type === 'gauge') {
    const s = w.series.find((x) => x.unit === 'percent') ?? w.series[0]!;
    const v = w.totals.values[s.key];
    return {
      option: {
        series: [
          {
            type: 'gauge',
            min: 0,
            max: s.unit === 'percent' ? 100 : Math.max(1, Number(v ?? 0)),
            progress: { show: true, width: 12 },
            axisLine: { lineStyle: { width: 12 } },
            detail: { formatter: () => formatValue(v, s.unit), fontSize: 22, offsetCenter: [0, '70%'] },
            title: { offsetCenter: [0, '95%'] },
            data: [{ value: v ?? 0, name: tx(s.title) }],
          },
        ],
      },
      drill: () => w.totals.drill[s.key] ?? null,
    };
  }
  // line / bar over groups (time buckets, orgs, field values); percentages on a second axis
  const hasPercent = w.series.some((s) => s.unit === 'percent') && w.series.some((s) => s.unit !== 'percent');
  return {
    option: {
      tooltip,
      legend: { top: 0, type: 'scroll' },
      grid: { left: 8, right: hasPercent ? 8 : 16, top: 36, bottom: 8, containLabel: true },
      xAxis: {
        type: 'category',
        data: w.groups.map((g) => tx(g.label)),
        axisLabel: { interval: phone ? 'auto' : 0, rotate: w.groups.length > 3 ? 30 : 0, width: 96, overflow: 'truncate' },
      },
      yAxis: hasPercent ? [{ type: 'value', minInterval: 1 }, { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } }] : { type: 'value', minInterval: 1 },
      series: w.series.map((s, i) => ({
        name: tx(s.title),
        type: hasPercent && s.unit === 'percent' ? 'line' : w.type === 'line' ? 'line' : 'bar',
        yAxisIndex: hasPercent && s.unit === 'percent' ? 1 : 0,
        itemStyle: { color: PALETTE[i % PALETTE.length] },
        data: w.groups.map((g) => g.values[s.key] ?? 0),
      })),
    },
    drill: (si, di) => {
      const s = w.series[si];
      return s ? (w.groups[di]?.drill[s.key] ?? null) : null;
    },
  };
}
