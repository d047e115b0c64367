import { PassThrough } from 'node:stream';
import { z } from 'zod';
import type { AppDeps } from '../app/AppDeps';
import { defineRoute, type AnyRoute } from '../http/defineRoute';
import { LedgerService } from './LedgerService';
import { parseLedgerQuery } from './LedgerQuery';
import { writeLedgerExport } from './writeLedgerExport';
import { pickLocale } from '../submissions/SubmissionService';
import { resolvePublishedForCaller } from '../definitions/resolveForCaller';
import type { AuthContext } from '../http/AuthContext';
import type { CollectionContent } from '../definitions/CollectionContent';
import { checklistItems, LedgerLabels, type ChecklistItem } from './ledgerLabels';

const Item = z.object({
  id: z.string(),
  orgId: z.string(),
  status: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
  revision: z.number(),
  data: z.record(z.string(), z.unknown()),
  /** Name of the owning org. */
  orgName: z.string(),
  /** The view's columns as the reader sees them (org names, state / enum labels, dates in China time, checklist answers as words). */
  cells: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
});

const I18n = z.object({ zh: z.string(), en: z.string() });

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
        columns: z.array(z.object({ field: z.string(), title: I18n })),
        /** The view's filters with their titles, field types and enum options (labels), for filter forms. */
        filters: z.array(
          z.object({
            field: z.string(),
            op: z.string(),
            type: z.string(),
            title: I18n,
            options: z.array(z.object({ value: z.string(), label: I18n })).optional(),
          }),
        ),
        /** Collection name and states (labels), for headings and state tabs. */
        collection: z.object({ key: z.string(), name: I18n, states: z.array(z.object({ key: z.string(), name: I18n })) }),
      }),
      handler: async ({ params, query, auth, ctx }) => {
        const locale = pickLocale(ctx.get('accept-language'));
        const q = parseLedgerQuery(query);
        const [page, plan] = await Promise.all([service.page(auth, params.viewKey, q), service.plan(auth, params.viewKey, q)]);
        const labels = await LedgerLabels.load(deps.db, plan.collection, page.items.map((i) => i.orgId), locale);
        return {
          ...page,
          items: page.items.map((i) => ({
            ...i,
            orgName: labels.orgNames.get(i.orgId) ?? i.orgId,
            cells: Object.fromEntries(page.columns.map((c) => [c.field, labels.cell(i, c.field)])),
          })),
          filters: plan.view.filters.map((f) => filterMeta(plan.collection, f.field, f.op)),
          collection: { key: plan.collection.key, name: plan.collection.name, states: plan.collection.states },
        };
      },
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
        const locale = pickLocale(ctx.get('accept-language'));
        const checklist = await formChecklist(deps, auth, plan.collection);
        const labelling = { checklist, labelsFor: (items: { orgId: string }[]) => LedgerLabels.load(deps.db, plan.collection, items.map((i) => i.orgId), locale) };
        writeLedgerExport(format, plan.view, plan.collection, service.rows(plan), stream, labelling).catch((err) => {
          deps.logger.error({ err, viewKey: params.viewKey }, 'ledger export failed');
          stream.destroy(err as Error);
        });
        return undefined;
      },
    }),
  ];
}

const SYSTEM_TITLES: Record<string, { zh: string; en: string }> = {
  status: { zh: '状态', en: 'State' },
  createdAt: { zh: '创建时间', en: 'Created' },
  updatedAt: { zh: '更新时间', en: 'Updated' },
  orgId: { zh: '单位', en: 'Organisation' },
};

/** A filter of a view described for a filter form. */
function filterMeta(c: CollectionContent, field: string, op: string) {
  const def = c.fields[field];
  const title = def?.title ?? SYSTEM_TITLES[field] ?? { zh: field, en: field };
  if (field === 'status') return { field, op, type: 'enum', title, options: c.states.map((s) => ({ value: s.key, label: s.name })) };
  if (field === 'createdAt' || field === 'updatedAt') return { field, op, type: 'date', title };
  if (def?.type === 'enum' && def.enum) {
    return { field, op, type: 'enum', title, options: def.enum.map((v) => ({ value: v, label: def.enumLabels?.[v] ?? { zh: v, en: v } })) };
  }
  return { field, op, type: def?.type ?? 'string', title };
}

/** The checklist items of the collection's form (none when it has no form, or the caller cannot read it). */
export async function formChecklist(deps: AppDeps, auth: AuthContext, c: CollectionContent): Promise<ChecklistItem[]> {
  if (!c.formKey) return [];
  try {
    const form = await resolvePublishedForCaller(deps.db, auth, 'form', c.formKey, 'record.read');
    return checklistItems(form.version.content);
  } catch (err) {
    const code = String((err as { code?: string }).code ?? '');
    if (code.endsWith('.not_found') || code.endsWith('.not_published')) return [];
    throw err;
  }
}
