import { z } from 'zod';
import type { AppDeps } from '../app/AppDeps';
import { defineRoute, type AnyRoute } from '../http/defineRoute';
import { limitOffset, pageOf, pageQuery } from '../http/pagination';
import { CHANNEL_PERMISSION, ChannelStore } from './ChannelStore';
import { ChannelCreate, ChannelOut, ChannelUpdate, DeliveryOut } from './channelSchemas';

const IdParams = z.object({ id: z.string().min(1).max(36) });

/** `/api/v1/notification-channels`: tenant admins (org.write) configure the channels plugins provide; secrets shown as ***. */
export function channelRoutes(deps: AppDeps): AnyRoute[] {
  const store = new ChannelStore(deps);
  const tags = ['notifications'];
  const permission = CHANNEL_PERMISSION;
  return [
    defineRoute({
      method: 'get', path: '/notification-channels/types', summary: 'Channel types the installed plugins provide, with their config JSON Schemas', tags, permission,
      response: z.array(z.object({ key: z.string(), name: z.unknown(), configSchema: z.record(z.string(), z.unknown()), secretFields: z.array(z.string()), plugin: z.string().optional() })),
      handler: async () => store.types(),
    }),
    defineRoute({
      method: 'get', path: '/notification-channels', summary: 'Channels configured in the orgs I administer', tags, permission,
      response: z.array(ChannelOut),
      handler: async ({ auth }) => store.list(auth),
    }),
    defineRoute({
      method: 'post', path: '/notification-channels', summary: 'Configure a channel for an org subtree', tags, permission, status: 201, idempotent: true,
      body: ChannelCreate, response: ChannelOut,
      handler: async ({ auth, body }) => store.create(auth, body),
    }),
    defineRoute({
      method: 'get', path: '/notification-channels/:id', summary: 'One channel (secrets shown as ***)', tags, permission,
      params: IdParams, response: ChannelOut,
      handler: async ({ auth, params }) => store.read(auth, params.id),
    }),
    defineRoute({
      method: 'put', path: '/notification-channels/:id', summary: 'Replace a channel\'s settings (by revision; *** keeps a stored secret)', tags, permission,
      params: IdParams, body: ChannelUpdate, response: ChannelOut,
      handler: async ({ auth, params, body }) => store.update(auth, params.id, body),
    }),
    defineRoute({
      method: 'delete', path: '/notification-channels/:id', summary: 'Remove a channel and its delivery records', tags, permission,
      params: IdParams, query: z.object({ revision: z.coerce.number().int().positive() }),
      handler: async ({ auth, params, query }) => {
        await store.remove(auth, params.id, query.revision);
        return undefined;
      },
    }),
    defineRoute({
      method: 'get', path: '/notification-channels/:id/deliveries', summary: 'A channel\'s deliveries, newest first (failed ones with their last error)', tags, permission,
      params: IdParams, query: z.object({ ...pageQuery, state: z.enum(['pending', 'sent', 'failed']).optional() }),
      response: pageOf(DeliveryOut),
      handler: async ({ auth, params, query }) => {
        const [limit, offset] = limitOffset(query);
        const { items, total } = await store.deliveries(auth, params.id, { state: query.state, limit, offset });
        return { items, total, page: query.page, pageSize: query.pageSize };
      },
    }),
  ];
}
