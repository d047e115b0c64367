import { PassThrough } from 'node:stream';
import { z } from 'zod';
import { SafeFlowError } from '@safeflow/engine/errors';
import type { AppDeps } from '../app/AppDeps';
import { resolveActingOrg } from '../definitions/orgContext';
import { defineRoute, type AnyRoute } from '../http/defineRoute';
import { DataScope } from '../tenancy/DataScope';
import { hazardStatistics, parseHazardPeriod } from './hazardStatistics';
import { writeHazardStatistics } from './writeHazardStatistics';

const Figures = z.object({
  registered: z.number(), general: z.number(), major: z.number(), closed: z.number(), closedMajor: z.number(), open: z.number(), overdue: z.number(),
  rejected: z.number(), rectificationRate: z.number(), funds: z.number(),
  bySource: z.record(z.string(), z.number()), byType: z.record(z.string(), z.number()), byCategory: z.record(z.string(), z.number()),
});

/**
 * `GET /api/v1/hazard-statistics?period=2026-Q4|2026[&orgId=]` — the
 * quarterly / yearly hazard statistics for the principal's signature over the
 * caller's scope (or the subtree of `orgId` in it); `…/export` the same as an
 * xlsx with the signature and due-date lines.
 */
export function hazardStatisticsRoutes(deps: AppDeps): AnyRoute[] {
  const Query = z.strictObject({ period: z.string().max(10), orgId: z.string().max(36).optional() });
  const compute = async (auth: Parameters<typeof DataScope.of>[0], q: z.infer<typeof Query>) => {
    const period = parseHazardPeriod(q.period);
    const org = q.orgId ? await resolveActingOrg(deps.db, auth, q.orgId, 'record.read') : undefined;
    const tenantId = org?.tenantId ?? auth.memberships.find((m) => m.permissions.includes('record.read'))?.tenantId;
    if (!tenantId) throw new SafeFlowError('org.required', 'Say which org (orgId): you hold record.read nowhere', { status: 400 });
    return hazardStatistics(deps.db, DataScope.of(auth, 'record.read'), tenantId, period, org?.path);
  };
  return [
    defineRoute({
      method: 'get', path: '/hazard-statistics', summary: 'Quarterly / yearly hazard statistics for the principal’s signature', tags: ['hazards'], permission: 'record.read',
      query: Query,
      response: z.object({
        period: z.object({ label: z.string(), kind: z.enum(['quarter', 'year']), from: z.number(), to: z.number(), dueDate: z.string() }),
        signer: z.string(), totals: Figures, orgs: z.array(Figures.extend({ orgId: z.string(), orgName: z.string() })),
      }),
      handler: async ({ auth, query }) => compute(auth, query),
    }),
    defineRoute({
      method: 'get', path: '/hazard-statistics/export', summary: 'The hazard statistics as an xlsx for signature', tags: ['hazards'], permission: 'record.read',
      query: Query,
      handler: async ({ auth, query, ctx }) => {
        const stats = await compute(auth, query);
        const stream = new PassThrough();
        ctx.type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
        ctx.set('Content-Disposition', `attachment; filename="hazard-statistics-${query.period}.xlsx"`);
        ctx.body = stream;
        writeHazardStatistics(stats, stream).catch((err) => stream.destroy(err as Error));
        return undefined;
      },
    }),
  ];
}
