import type { ApiClient } from '@/api/client';
import type { I18nText } from '@/api/ledgers';

/** A record as `/api/v1/dispatch` returns it. */
export interface DispatchRecord {
  id: string;
  orgId: string;
  status: string;
  data: Record<string, unknown>;
  createdAt: number;
  updatedAt: number;
  revision: number;
}

/** `GET /api/v1/dispatch/events/:id`. */
export interface EventWithOrders {
  event: DispatchRecord;
  orders: Array<DispatchRecord & { canMove: boolean }>;
  orderStates: Array<{ key: string; name: I18nText }>;
  eventStates: Array<{ key: string; name: I18nText }>;
  orderSteps: Array<{ from: string; to: string; name: I18nText }>;
  colours: { grades: Record<string, string>; orders: Record<string, string> };
}

/** The dispatch API of the page. */
export const dispatchApi = {
  event: (api: ApiClient, id: string) => api.get<EventWithOrders>(`/dispatch/events/${encodeURIComponent(id)}`),
  /** One status step; the key makes a retried tap one step. */
  step: (api: ApiClient, eventId: string, order: DispatchRecord, to: string, idempotencyKey: string, note?: string) =>
    api.post<DispatchRecord>(`/dispatch/events/${encodeURIComponent(eventId)}/orders/${encodeURIComponent(order.id)}/status`, { to, revision: order.revision, ...(note ? { note } : {}) }, { idempotencyKey }),
};
