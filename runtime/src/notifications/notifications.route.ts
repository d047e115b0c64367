import { z } from 'zod';
import type { AppDeps } from '../app/AppDeps';
import { defineRoute, type AnyRoute } from '../http/defineRoute';
import { limitOffset, pageOf, pageQuery } from '../http/pagination';
import { NotificationStore } from './NotificationStore';

const NotificationOut = z.object({
  id: z.string(),
  kind: z.string(),
  event: z.string(),
  params: z.record(z.string(), z.unknown()),
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

/** `/api/v1/notifications`: the caller's own in-app notifications (nobody else's, whatever their role). */
export function notificationRoutes(deps: AppDeps): AnyRoute[] {
  const store = new NotificationStore(deps);
  const tags = ['notifications'];
  return [
    defineRoute({
      method: 'get', path: '/notifications', summary: 'My notifications, newest first (unread=true: unread only)', tags,
      query: z.object({ ...pageQuery, unread: z.enum(['true', 'false']).optional() }),
      response: pageOf(NotificationOut),
      handler: async ({ auth, query }) => {
        const [limit, offset] = limitOffset(query);
        const { items, total } = await store.list(auth, { unread: query.unread === 'true', limit, offset });
        return { items, total, page: query.page, pageSize: query.pageSize };
      },
    }),
    defineRoute({
      method: 'get', path: '/notifications/unread-count', summary: 'How many of my notifications are unread', tags,
      response: z.object({ count: z.number().int() }),
      handler: async ({ auth }) => ({ count: await store.unreadCount(auth) }),
    }),
    defineRoute({
      method: 'post', path: '/notifications/read-all', summary: 'Mark all my notifications read', tags,
      response: z.object({ marked: z.number().int() }),
      handler: async ({ auth }) => ({ marked: await store.markAllRead(auth) }),
    }),
    defineRoute({
      method: 'post', path: '/notifications/:id/read', summary: 'Mark one of my notifications read (404 notification.not_found for anyone else\'s)', tags,
      params: z.object({ id: z.string().min(1).max(36) }),
      response: NotificationOut,
      handler: async ({ auth, params }) => store.markRead(auth, params.id),
    }),
  ];
}
