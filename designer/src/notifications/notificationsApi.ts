import type { ApiClient } from '@/api';

/** One of my notifications (`GET /api/v1/notifications`). */
export interface AppNotification {
  id: string;
  kind: 'assignment' | 'claimable' | 'escalation' | 'due_soon' | 'overdue' | 'expiry' | string;
  event: string;
  params: Record<string, unknown>;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationPage {
  items: AppNotification[];
  total: number;
  page: number;
  pageSize: number;
}

/** A channel type a plugin provides. */
export interface ChannelType {
  key: string;
  name: Record<string, string>;
  configSchema: { properties?: Record<string, { type?: string; format?: string; items?: { type?: string } }>; required?: string[] };
  secretFields: string[];
  plugin?: string;
}

/** A configured channel (secrets as `***`). */
export interface Channel {
  id: string;
  orgId: string;
  channelKey: string;
  name: string;
  config: Record<string, unknown>;
  kinds: string[] | null;
  enabled: boolean;
  revision: number;
  createdAt: string;
  updatedAt: string;
  deliveries: { pending: number; sent: number; failed: number };
}

export interface Delivery {
  id: string;
  notificationId: string;
  kind: string;
  state: 'pending' | 'sent' | 'failed';
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  sentAt: string | null;
  createdAt: string;
}

export const NOTIFICATION_KINDS = ['assignment', 'claimable', 'escalation', 'due_soon', 'overdue', 'expiry'] as const;

/** Typed calls of the notification and channel API. */
export const notificationsApi = {
  list: (api: ApiClient, q: { page?: number; pageSize?: number; unread?: boolean }) =>
    api.get<NotificationPage>('/notifications', { page: q.page, pageSize: q.pageSize, unread: q.unread ? 'true' : undefined }),
  unreadCount: (api: ApiClient) => api.get<{ count: number }>('/notifications/unread-count'),
  read: (api: ApiClient, id: string) => api.post<AppNotification>(`/notifications/${encodeURIComponent(id)}/read`),
  readAll: (api: ApiClient) => api.post<{ marked: number }>('/notifications/read-all'),
  channelTypes: (api: ApiClient) => api.get<ChannelType[]>('/notification-channels/types'),
  channels: (api: ApiClient) => api.get<Channel[]>('/notification-channels'),
  createChannel: (api: ApiClient, body: Record<string, unknown>, idempotencyKey: string) => api.post<Channel>('/notification-channels', body, { idempotencyKey }),
  updateChannel: (api: ApiClient, id: string, body: Record<string, unknown>) => api.request<Channel>('PUT', `/notification-channels/${encodeURIComponent(id)}`, { body }),
  removeChannel: (api: ApiClient, id: string, revision: number) => api.request<void>('DELETE', `/notification-channels/${encodeURIComponent(id)}`, { query: { revision } }),
  deliveries: (api: ApiClient, id: string, state?: string) =>
    api.get<{ items: Delivery[]; total: number }>(`/notification-channels/${encodeURIComponent(id)}/deliveries`, { state, pageSize: 50 }),
};
