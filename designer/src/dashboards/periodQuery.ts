/** The period kinds the dashboard filter offers. */
export type PeriodKind = 'last12Months' | 'month' | 'quarter' | 'year' | 'custom';

/** The filter's state: kind, the month/year/quarter picked, or a custom date range (`YYYY-MM-DD`, both inclusive). */
export interface PeriodState {
  kind: PeriodKind;
  /** `YYYY-MM` (month), `YYYY` (quarter, year). */
  value?: string;
  quarter?: number;
  range?: [string, string];
}

/** The dashboards API query of a period (`period=YYYY-MM|YYYY-Qn|YYYY|last12Months`, or from/to in Beijing time). */
export function periodToQuery(p: PeriodState): Record<string, string> {
  switch (p.kind) {
    case 'month':
    case 'year':
      return p.value ? { period: p.value } : {};
    case 'quarter':
      return p.value && p.quarter ? { period: `${p.value}-Q${p.quarter}` } : {};
    case 'custom': {
      if (!p.range) return {};
      const end = new Date(`${p.range[1]}T00:00:00+08:00`).getTime() + 86_400_000;
      return { from: `${p.range[0]}T00:00:00+08:00`, to: new Date(end).toISOString() };
    }
    default:
      return { period: 'last12Months' };
  }
}

/** The filter state of a route query (what {@link periodToQuery} wrote), for reloads and links back. */
export function periodFromQuery(q: Record<string, unknown>): PeriodState {
  const period = typeof q.period === 'string' ? q.period : undefined;
  let m: RegExpExecArray | null;
  if (period && (m = /^(\d{4})-Q([1-4])$/.exec(period))) return { kind: 'quarter', value: m[1], quarter: Number(m[2]) };
  if (period && /^\d{4}-\d{2}$/.test(period)) return { kind: 'month', value: period };
  if (period && /^\d{4}$/.test(period)) return { kind: 'year', value: period };
  if (typeof q.from === 'string' && typeof q.to === 'string') {
    const day = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
    return { kind: 'custom', range: [day(Date.parse(q.from)), day(Date.parse(q.to) - 86_400_000)] };
  }
  return { kind: 'last12Months' };
}
