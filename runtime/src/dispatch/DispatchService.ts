import { SafeFlowError } from '@safeflow/engine/errors';
import type { AppDeps } from '../app/AppDeps';
import { assertRevision } from '../db/Database';
import { actorOf, unitOfWork } from '../db/unitOfWork';
import type { CollectionContent } from '../definitions/CollectionContent';
import { DefinitionStore } from '../definitions/DefinitionStore';
import { rolesAt } from '../definitions/orgContext';
import { engineGatewayOf } from '../engineGateway/engineGatewayOf';
import type { AuthContext } from '../http/AuthContext';
import { adjustRecordCount } from '../records/adjustRecordCount';
import { RecordService, type RecordDoc } from '../records/RecordService';
import { orderRowsOfEvents } from './orderRowsOfEvents';
import { COMMAND_ROLES, EVENT_COLLECTION, ORDER_COLLECTION, ORDERS_DONE_MESSAGE, TERMINAL_ORDER_STATES, type OrderState } from './dispatchConstants';

/** An event with its orders, as the dispatch page shows it: each order says whether the caller may move it; the order collection's states and steps come along. */
export interface EventWithOrders {
  event: RecordDoc;
  orders: Array<RecordDoc & { canMove: boolean }>;
  orderStates: CollectionContent['states'];
  eventStates: CollectionContent['states'];
  orderSteps: Array<{ from: string; to: string; name: { zh: string; en: string } }>;
}

/** How long the status call waits for the process to reach its `ordersDone` catch event (it is a step behind the records worker). */
const CORRELATE_ATTEMPTS = 50;
const CORRELATE_STEP_MS = 100;

/**
 * Command dispatch on top of the pack's records: an event's orders and the
 * team leaders' status steps. A status step is one unit of work (the order's
 * state, its state times and note, the transition row, the record counts and
 * the audit entry `dispatch.order.status`), optimistic by the order's
 * revision (409); when the last open order of the event is done or refused,
 * the event's `safety-dispatch` instance gets message `dispatch.ordersDone`.
 */
export class DispatchService {
  private readonly records: RecordService;

  constructor(private readonly deps: AppDeps) {
    this.records = new RecordService(deps);
  }

  /** The event (404 outside the caller's scope) and its orders, oldest first. */
  async eventWithOrders(auth: AuthContext, eventId: string): Promise<EventWithOrders> {
    const event = await this.records.load(auth, EVENT_COLLECTION, eventId);
    const content = await this.orderCollection(event.orgPath);
    const eventContent = (await DefinitionStore.resolvePublished(this.deps.db, 'collection', EVENT_COLLECTION, event.orgPath)).version.content as CollectionContent;
    const orders = await this.ordersOf(auth, event);
    return {
      event,
      orders: orders.map((o) => ({ ...o, canMove: this.mayMove(auth, o, content.transitions.filter((t) => t.from === o.status)) })),
      orderStates: content.states,
      eventStates: eventContent.states,
      orderSteps: content.transitions.map((t) => ({ from: t.from, to: t.to, name: { zh: t.name.zh, en: t.name.en } })),
    };
  }

  /** Moves one order of an event to `to` as its leader or a commander of the event's org. */
  async setOrderStatus(auth: AuthContext, eventId: string, orderId: string, input: { to: OrderState; revision: number; note?: string }): Promise<RecordDoc> {
    const event = await this.records.load(auth, EVENT_COLLECTION, eventId);
    const order = await this.records.load(auth, ORDER_COLLECTION, orderId, 'record.read').catch((err: unknown) => {
      throw rethrowAs(err, 'dispatch.order_not_found', `Order '${orderId}' not found`);
    });
    if (order.data.eventId !== event.id) throw new SafeFlowError('dispatch.order_not_found', `Order '${orderId}' is no order of event '${eventId}'`, { status: 404 });
    if (event.status !== 'handling') {
      throw new SafeFlowError('dispatch.event_not_handling', `Event '${eventId}' is ${event.status}; orders move only while it is handled`, { status: 409, details: { status: event.status } });
    }
    // a step from a stale screen is a conflict (reload), whatever it asks for
    if (input.revision !== order.revision) assertRevision(0, `order '${order.id}'`);
    const content = await this.orderCollection(order.orgPath);
    const transition = content.transitions.find((t) => t.from === order.status && t.to === input.to);
    if (!transition) {
      throw new SafeFlowError('dispatch.invalid_status', `An order that is ${order.status} cannot become ${input.to}`, {
        status: 400,
        details: { from: order.status, to: input.to, allowed: content.transitions.filter((t) => t.from === order.status).map((t) => t.to) },
      });
    }
    if (!this.mayMove(auth, order, [transition])) {
      throw new SafeFlowError('dispatch.not_leader', 'Only the order’s leader or a commander of the event may move it', { status: 403, details: { leader: order.data.leader ?? null } });
    }
    const updated = await unitOfWork(this.deps, actorOf(auth), async (uow) => {
      const at = uow.now.getTime();
      const timestamps = { ...((order.data.timestamps as Record<string, string> | undefined) ?? {}), [input.to]: uow.now.toISOString() };
      const data = { ...order.data, timestamps, ...(input.note ? { note: input.note } : {}) };
      assertRevision(
        await uow.tx.execute('UPDATE record SET status = ?, data = ?, updated_at = ?, revision = revision + 1 WHERE id = ? AND revision = ? AND status = ?', [
          input.to, JSON.stringify(data), at, order.id, input.revision, order.status,
        ]),
        `order '${order.id}'`,
      );
      await uow.tx.execute('INSERT INTO record_transition (id, record_id, from_state, to_state, actor_id, actor_name, at, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
        crypto.randomUUID(), order.id, order.status, input.to, uow.actor.actorId, uow.actor.actorName, at, input.note ?? null,
      ]);
      const key = { orgId: order.orgId, orgPath: order.orgPath, tenantId: order.tenantId, collectionKey: ORDER_COLLECTION };
      await adjustRecordCount(uow.tx, { ...key, status: order.status }, -1);
      await adjustRecordCount(uow.tx, { ...key, status: input.to }, 1);
      await uow.audit({
        action: 'dispatch.order.status', targetType: 'record', targetId: order.id, orgId: order.orgId, orgPath: order.orgPath,
        change: { eventId: event.id, from: order.status, to: input.to, note: input.note ?? null },
      });
      return this.records.load(auth, ORDER_COLLECTION, order.id, 'record.read', uow.tx);
    });
    if (TERMINAL_ORDER_STATES.includes(input.to)) await this.closeTrackingWhenAllDone(event);
    return updated;
  }

  /** The leader of the order (holding a role of one of `steps`) or a commander of its org may move it. */
  private mayMove(auth: AuthContext, order: RecordDoc, steps: CollectionContent['transitions']): boolean {
    if (steps.length === 0) return false;
    const roles = rolesAt(auth, order.orgPath);
    if (auth.platformAdmin || roles.some((r) => COMMAND_ROLES.includes(r))) return true;
    const isLeader = typeof order.data.leader === 'string' && order.data.leader === auth.username;
    return isLeader && steps.some((t) => t.roles.some((r) => roles.includes(r)));
  }

  private async orderCollection(orgPath: string): Promise<CollectionContent> {
    return (await DefinitionStore.resolvePublished(this.deps.db, 'collection', ORDER_COLLECTION, orgPath)).version.content as CollectionContent;
  }

  /** Orders of `event` visible to the caller (all of them: they live in the event's org). */
  private async ordersOf(auth: AuthContext, event: RecordDoc): Promise<RecordDoc[]> {
    const rows = await orderRowsOfEvents(this.deps.db, event.tenantId, event.orgPath, [event.id]);
    return Promise.all(rows.map((r) => this.records.load(auth, ORDER_COLLECTION, r.id)));
  }

  /** Correlates `dispatch.ordersDone` once no order of the event is open (read after the commit, so the last one sees all). */
  private async closeTrackingWhenAllDone(event: RecordDoc): Promise<void> {
    const orders = await orderRowsOfEvents(this.deps.db, event.tenantId, event.orgPath, [event.id]);
    if (!orders.every((o) => TERMINAL_ORDER_STATES.includes(o.status))) return;
    const processInstanceId = typeof event.data.processInstanceId === 'string' ? event.data.processInstanceId : undefined;
    if (!processInstanceId) return; // an event recorded without the process (imported): nothing waits
    const db = this.deps.db;
    for (let attempt = 1; attempt <= CORRELATE_ATTEMPTS; attempt++) {
      const [sub] = await db.query<{ n: number }>("SELECT COUNT(*) AS n FROM event_subscription WHERE process_instance_id = ? AND kind = 'message' AND event_name = ?", [
        processInstanceId, ORDERS_DONE_MESSAGE,
      ]);
      if (Number(sub?.n ?? 0) > 0) {
        try {
          await engineGatewayOf(this.deps).correlateMessage({ messageName: ORDERS_DONE_MESSAGE, processInstanceId, tenantId: event.tenantId });
        } catch (err) {
          if (!/matches/.test(String((err as Error).message))) throw err; // else a concurrent last order correlated first
        }
        return;
      }
      // no subscription: already correlated (the review task is open, or the instance ended), or the process is a step behind
      const [past] = await db.query<{ n: number }>("SELECT COUNT(*) AS n FROM user_task WHERE process_instance_id = ? AND task_definition_key = 'review'", [processInstanceId]);
      const [alive] = await db.query<{ n: number }>('SELECT COUNT(*) AS n FROM process_instance WHERE id = ?', [processInstanceId]);
      if (Number(past?.n ?? 0) > 0 || Number(alive?.n ?? 0) === 0) return;
      await new Promise((r) => setTimeout(r, CORRELATE_STEP_MS));
    }
    this.deps.logger.warn({ eventId: event.id, processInstanceId }, 'dispatch: the instance never reached ordersDone');
  }
}

function rethrowAs(err: unknown, code: string, message: string): unknown {
  return err instanceof SafeFlowError && err.status === 404 ? new SafeFlowError(code, message, { status: 404 }) : err;
}
