import { z } from 'zod';
import type { AppDeps } from '../app/AppDeps';
import { defineRoute, type AnyRoute } from '../http/defineRoute';
import { DashboardService } from './DashboardService';
import { DashboardData } from './WidgetData';

const Instant = z
  .string()
  .max(40)
  .transform((v, ctx) => {
    const n = /^-?\d+$/.test(v) ? Number(v) : Date.parse(v);
    if (!Number.isFinite(n)) {
      ctx.addIssue({ code: 'custom', message: 'an ISO date or epoch milliseconds' });
      return z.NEVER;
    }
    return n;
  });

/** `GET /api/v1/dashboards/:key?orgId&period|from&to` — a dashboard's widgets computed now in the caller's scope, each number with its drill-down. */
export function dashboardRoutes(deps: AppDeps): AnyRoute[] {
  const service = new DashboardService(deps);
  return [
    defineRoute({
      method: 'get', path: '/dashboards', summary: 'The dashboards you may open (published views of type "dashboard" for your orgs)', tags: ['dashboards'],
      permission: 'record.read',
      response: z.object({ items: z.array(z.object({ key: z.string(), title: z.object({ zh: z.string(), en: z.string() }), widgets: z.number().int() })) }),
      handler: async ({ auth }) => ({ items: await service.list(auth) }),
    }),
    defineRoute({
      method: 'get', path: '/dashboards/:key', summary: "A dashboard's widgets (KPIs, series, groups, rankings) computed in your scope, org subtree and period; every number with its drill-down", tags: ['dashboards'],
      permission: 'record.read', params: z.object({ key: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/) }),
      query: z.strictObject({ orgId: z.string().max(36).optional(), period: z.string().max(20).optional(), from: Instant.optional(), to: Instant.optional() }),
      response: DashboardData,
      handler: async ({ params, query, auth }) => service.compute(auth, params.key, query),
    }),
  ];
}
