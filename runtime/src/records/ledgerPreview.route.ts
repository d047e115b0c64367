import { z } from 'zod';
import type { AppDeps } from '../app/AppDeps';
import { ViewContent } from '../definitions/ViewContent';
import { defineRoute, type AnyRoute } from '../http/defineRoute';
import { pickLocale } from '../submissions/SubmissionService';
import { LedgerLabels } from './ledgerLabels';
import { parseLedgerQuery } from './LedgerQuery';
import { LedgerService } from './LedgerService';

const I18n = z.object({ zh: z.string(), en: z.string() });

/**
 * `POST /api/v1/ledgers/preview` — the Studio's views editor: the first page
 * of a view being edited (its content in the body, not yet published), over
 * the published collection, with the records the caller may read (the same
 * scope as the ledger). Nothing is written.
 */
export function ledgerPreviewRoutes(deps: AppDeps): AnyRoute[] {
  const service = new LedgerService(deps);
  return [
    defineRoute({
      method: 'post', path: '/ledgers/preview', summary: 'Preview a view being edited: the first page of records in the caller\'s scope', tags: ['ledgers'],
      permission: 'definition.write',
      body: z.strictObject({ content: ViewContent, pageSize: z.number().int().min(1).max(50).optional() }),
      response: z.object({
        items: z.array(z.object({ id: z.string(), status: z.string(), orgName: z.string(), cells: z.record(z.string(), z.union([z.string(), z.number(), z.null()])) })),
        total: z.number().int(),
        columns: z.array(z.object({ field: z.string(), title: I18n })),
      }),
      handler: async ({ body, auth, ctx }) => {
        const locale = pickLocale(ctx.get('accept-language'));
        const q = parseLedgerQuery({ pageSize: String(body.pageSize ?? 10) });
        const plan = await service.plan(auth, body.content.key, q, body.content);
        const page = await service.page(auth, body.content.key, q, body.content);
        const labels = await LedgerLabels.load(deps.db, plan.collection, page.items.map((i) => i.orgId), locale);
        return {
          items: page.items.map((i) => ({
            id: i.id, status: i.status, orgName: labels.orgNames.get(i.orgId) ?? i.orgId,
            cells: Object.fromEntries(page.columns.map((c) => [c.field, labels.cell(i, c.field)])),
          })),
          total: page.total,
          columns: page.columns,
        };
      },
    }),
  ];
}
