/** The pack's collections and process of command dispatch (definitions/safety: safety-dispatch). */
export const EVENT_COLLECTION = 'safety_emergency_event';
export const ORDER_COLLECTION = 'safety_dispatch_order';
/** The message the process waits on once every order is out (catch event `ordersDone`). */
export const ORDERS_DONE_MESSAGE = 'dispatch.ordersDone';

/** Event states before 已结束 (the map shows these). */
export const OPEN_EVENT_STATES = ['reported', 'graded', 'dispatching', 'handling'] as const;

/** Order states in their order; `done` and `refused` end an order. */
export const ORDER_STATES = ['dispatched', 'accepted', 'en_route', 'on_site', 'done', 'refused'] as const;
export type OrderState = (typeof ORDER_STATES)[number];
export const TERMINAL_ORDER_STATES: readonly string[] = ['done', 'refused'];

/** Roles that command an event (and so may move any of its orders), beside the order's own leader. */
export const COMMAND_ROLES: readonly string[] = ['safetyOfficer', 'enterpriseOwner', 'streetOfficer', 'inspector'];

/** Grade colours (红橙黄蓝: I 特别重大 … IV 一般). */
export const GRADE_COLOURS: Record<string, string> = { I: '#d9001b', II: '#f5732a', III: '#f2c200', IV: '#1e6fff' };
/** Order status colours on the map and the dispatch page. */
export const ORDER_COLOURS: Record<string, string> = {
  dispatched: '#909399', accepted: '#409eff', en_route: '#e6a23c', on_site: '#9b59b6', done: '#67c23a', refused: '#f56c6c',
};
