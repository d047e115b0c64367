import { PassThrough } from 'node:stream';
import { z } from 'zod';
import type { AppDeps } from '../app/AppDeps';
import { defineRoute, type AnyRoute } from '../http/defineRoute';
import { LedgerService } from './LedgerService';
import { parseLedgerQuery } from './LedgerQuery';
import { writeLedgerExport } from './writeLedgerExport';

const Item = z.object({
  id: z.string(),
  orgId: z.string(),
  status: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
  revision: z.number(),
  data: z.record(z.string(), z.unknown()),
});

const Query = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

/**
 * `GET /api/v1/ledgers/:viewKey?filter[field][op]=value&sort=field:dir&page&pageSize`
 * and `GET /api/v1/ledgers/:viewKey/export?format=xlsx|csv` (same filters).
 */
export function ledgerRoutes(deps: AppDeps): AnyRoute[] {
  const service = new LedgerService(deps);
  const tags = ['ledgers'];
  return [
    defineRoute({
      method: 'get', path: '/ledgers/:viewKey', summary: 'A page of records through a view, with the filtered total and counts by state', tags,
      permission: 'record.read', params: z.object({ viewKey: z.string().max(128) }), query: Query,
      response: z.object({
        items: z.array(Item),
        total: z.number().int(),
        totalCapped: z.boolean(),
        page: z.number().int(),
        pageSize: z.number().int(),
        countsByState: z.record(z.string(), z.number()),
        columns: z.array(z.object({ field: z.string(), title: z.object({ zh: z.string(), en: z.string() }) })),
      }),
      handler: async ({ params, query, auth }) => service.page(auth, params.viewKey, parseLedgerQuery(query)),
    }),
    defineRoute({
      method: 'get', path: '/ledgers/:viewKey/export', summary: "Export a view's filtered records as xlsx or CSV (UTF-8 with BOM), streamed", tags,
      permission: 'record.read', params: z.object({ viewKey: z.string().max(128) }), query: Query,
      handler: async ({ params, query, auth, ctx }) => {
        const { format: rawFormat, ...rest } = query;
        const format = z.enum(['xlsx', 'csv']).catch('xlsx').parse(Array.isArray(rawFormat) ? rawFormat[0] : (rawFormat ?? 'xlsx'));
        const q = parseLedgerQuery(rest);
        const plan = await service.plan(auth, params.viewKey, q);
        const stream = new PassThrough();
        const name = `${params.viewKey}-${deps.clock.now().toISOString().slice(0, 10)}.${format}`;
        ctx.type = format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
        ctx.set('Content-Disposition', `attachment; filename="${name}"`);
        ctx.body = stream;
        writeLedgerExport(format, plan.view, plan.collection, service.rows(plan), stream).catch((err) => {
          deps.logger.error({ err, viewKey: params.viewKey }, 'ledger export failed');
          stream.destroy(err as Error);
        });
        return undefined;
      },
    }),
  ];
}
