import type { ApiClient } from '@/api/client';
import type { I18nText } from '@/api/ledgers';

/** Where a number leads (`GET /api/v1/dashboards/:key`): ledger rows, or schedule occurrences / cameras. */
export type Drill =
  | { kind: 'ledger'; view: string; orgId: string | null; filters: Array<{ field: string; op: string; values: string[] }> }
  | { kind: 'occurrences'; query: Record<string, string> }
  | { kind: 'cameras'; query: Record<string, string> };

/** One bar / slice / point / ranking row of a widget. */
export interface WidgetGroup {
  key: string;
  label: I18nText;
  color: string | null;
  orgId: string | null;
  rank: number | null;
  values: Record<string, number | null>;
  drill: Record<string, Drill | null>;
}

/** A computed widget. */
export interface WidgetData {
  id: string;
  type: 'kpi' | 'line' | 'bar' | 'pie' | 'donut' | 'ranking' | 'gauge';
  title: I18nText;
  span: number;
  series: Array<{ key: string; title: I18nText; unit: 'count' | 'number' | 'percent' }>;
  groups: WidgetGroup[];
  totals: { values: Record<string, number | null>; drill: Record<string, Drill | null> };
  error: { code: string; message: string } | null;
}

/** A computed dashboard. */
export interface DashboardData {
  key: string;
  title: I18nText;
  period: { label: string; from: number; to: number };
  orgId: string | null;
  widgets: WidgetData[];
}

/** An org of the caller's scope (`GET /api/v1/orgs`). */
export interface OrgItem {
  id: string;
  parentId: string | null;
  name: string;
  type: string;
  path: string;
}

/** The ledger route query of a ledger drill-down (`filter[field][op]=v1,v2`, `orgId`). */
export function drillRouteQuery(d: Extract<Drill, { kind: 'ledger' }>): Record<string, string> {
  const q: Record<string, string> = {};
  for (const f of d.filters) q[`filter[${f.field}][${f.op}]`] = f.values.join(',');
  if (d.orgId) q.orgId = d.orgId;
  return q;
}

/** Typed calls of the dashboards API. */
export const dashboardsApi = {
  list: (api: ApiClient) => api.get<{ items: Array<{ key: string; title: I18nText; widgets: number }> }>('/dashboards'),
  get: (api: ApiClient, key: string, query: Record<string, string>) => api.get<DashboardData>(`/dashboards/${encodeURIComponent(key)}`, query),
  orgs: (api: ApiClient) => api.get<{ items: OrgItem[]; total: number }>('/orgs', { pageSize: '200' }),
  occurrences: (api: ApiClient, query: Record<string, string>) =>
    api.get<{ items: Array<{ id: string; occurrenceAt: string; targetOrgId: string; state: string; dueAt: string }>; total: number }>('/schedules/occurrences', query),
};
