import { z } from 'zod';
import type { AppDeps } from '../app/AppDeps';
import { defineRoute, type AnyRoute } from '../http/defineRoute';
import { assertOrgAccess } from '../orgs/orgAccess';
import { findOrg } from '../orgs/orgRow';
import type { RecordDoc } from '../records/RecordService';
import { DispatchService } from './DispatchService';
import { GRADE_COLOURS, ORDER_COLOURS, ORDER_STATES } from './dispatchConstants';
import { dispatchMapLayer } from './dispatchMapLayer';

const RecordOut = z.object({
  id: z.string(),
  orgId: z.string(),
  status: z.string(),
  data: z.record(z.string(), z.unknown()),
  createdAt: z.number(),
  updatedAt: z.number(),
  revision: z.number(),
});
const out = (r: RecordDoc): z.infer<typeof RecordOut> => ({ id: r.id, orgId: r.orgId, status: r.status, data: r.data, createdAt: r.createdAt, updatedAt: r.updatedAt, revision: r.revision });

const I18n = z.object({ zh: z.string(), en: z.string() });
const EventParams = z.object({ id: z.string().max(36) });
const OrderParams = EventParams.extend({ orderId: z.string().max(36) });
const Feature = z.object({
  id: z.string(),
  kind: z.enum(['point', 'polygon', 'polyline']),
  coords: z.array(z.tuple([z.number(), z.number()])),
  colour: z.string().optional(),
  label: z.string(),
  status: z.string().optional(),
  href: z.string().optional(),
  props: z.record(z.string(), z.unknown()).optional(),
});

/** `/api/v1/dispatch`: an event with its orders, the team leaders' status steps, and the dispatch map layer of an org. */
export function dispatchRoutes(deps: AppDeps): AnyRoute[] {
  const service = new DispatchService(deps);
  const tags = ['dispatch'];
  return [
    defineRoute({
      method: 'get', path: '/dispatch/events/:id', summary: 'An emergency event with its dispatch orders (oldest first)', tags,
      permission: 'record.read', module: 'commandDispatch', params: EventParams,
      response: z.object({
        event: RecordOut,
        orders: z.array(RecordOut.extend({ canMove: z.boolean() })),
        orderStates: z.array(z.object({ key: z.string(), name: I18n })),
        eventStates: z.array(z.object({ key: z.string(), name: I18n })),
        orderSteps: z.array(z.object({ from: z.string(), to: z.string(), name: I18n })),
        colours: z.object({ grades: z.record(z.string(), z.string()), orders: z.record(z.string(), z.string()) }),
      }),
      handler: async ({ params, auth }) => {
        const r = await service.eventWithOrders(auth, params.id);
        return {
          event: out(r.event),
          orders: r.orders.map((o) => ({ ...out(o), canMove: o.canMove })),
          orderStates: r.orderStates.map((st) => ({ key: st.key, name: { zh: st.name.zh, en: st.name.en } })),
          eventStates: r.eventStates.map((st) => ({ key: st.key, name: { zh: st.name.zh, en: st.name.en } })),
          orderSteps: r.orderSteps,
          colours: { grades: GRADE_COLOURS, orders: ORDER_COLOURS },
        };
      },
    }),
    defineRoute({
      method: 'post', path: '/dispatch/events/:id/orders/:orderId/status',
      summary: "A status step of a dispatch order by its leader or a commander (revision-checked; the last order done or refused ends the event's tracking)", tags,
      // record.read: a team leader is often a worker without record.write; the service allows the order's leader or a commander
      permission: 'record.read', module: 'commandDispatch', params: OrderParams, idempotent: true,
      body: z.strictObject({ to: z.enum(ORDER_STATES), revision: z.number().int().positive(), note: z.string().max(2000).optional() }),
      response: RecordOut,
      handler: async ({ params, body, auth }) => out(await service.setOrderStatus(auth, params.id, params.orderId, body)),
    }),
    defineRoute({
      method: 'get', path: '/dispatch/layer', summary: 'The dispatch map layer (open events and their orders) of one org subtree, as map features', tags,
      permission: 'record.read', module: 'commandDispatch', query: z.object({ orgId: z.string().max(36) }),
      response: z.object({ key: z.string(), features: z.array(Feature) }),
      handler: async ({ query, auth }) => {
        const org = await findOrg(deps.db, query.orgId);
        assertOrgAccess(auth, org?.path, 'record.read', 'org', query.orgId);
        const features = await dispatchMapLayer.fetch({ deps, auth, tenantId: org!.tenant_id, park: { id: org!.id, orgId: org!.id, orgPath: org!.path } });
        return { key: dispatchMapLayer.key, features };
      },
    }),
  ];
}
