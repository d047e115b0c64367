import { z } from 'zod';
import type { AppDeps } from '../app/AppDeps';
import { defineRoute, type AnyRoute } from '../http/defineRoute';
import { AggregateService } from './AggregateService';

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

const Group = z.object({
  groupKey: z.string(),
  groupName: z.string(),
  orgId: z.string().nullable(),
  measures: z.record(z.string(), z.union([z.number(), z.string(), z.null()])),
  outputs: z.record(z.string(), z.unknown()),
  rank: z.number().int().nullable(),
});

/**
 * `GET /api/v1/ledgers/:viewKey/aggregate?from&to&orgId` — an aggregate
 * view (rankings, compliance lists) computed now from the records in the
 * caller's scope: groups, measures, the ruleset's outputs per group, ranks.
 */
export function aggregateRoutes(deps: AppDeps): AnyRoute[] {
  const service = new AggregateService(deps);
  return [
    defineRoute({
      method: 'get', path: '/ledgers/:viewKey/aggregate', summary: "An aggregate view's groups, measures, ruleset outputs and ranks, computed from the records in scope", tags: ['ledgers'],
      permission: 'record.read', params: z.object({ viewKey: z.string().max(128) }),
      query: z.strictObject({ from: Instant.optional(), to: Instant.optional(), orgId: z.string().max(36).optional() }),
      response: z.object({
        view: z.string(),
        groupBy: z.union([z.object({ orgType: z.string() }), z.object({ field: z.string() })]),
        period: z.object({ from: z.number().nullable(), to: z.number().nullable() }),
        ruleset: z.object({ key: z.string(), version: z.number() }).nullable(),
        columns: z.array(z.object({ field: z.string(), title: z.object({ zh: z.string(), en: z.string() }) })),
        groups: z.array(Group),
      }),
      handler: async ({ params, query, auth }) => service.aggregate(auth, params.viewKey, query),
    }),
  ];
}
