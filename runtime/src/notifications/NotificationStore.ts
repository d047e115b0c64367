import crypto from 'node:crypto';
import { SafeFlowError } from '@safeflow/engine/errors';
import type { AppDeps } from '../app/AppDeps';
import type { Tx } from '../db/Database';
import { actorOf, unitOfWork } from '../db/unitOfWork';
import type { AuthContext } from '../http/AuthContext';

/** What a notification is about. */
export const NOTIFICATION_KINDS = ['assignment', 'claimable', 'escalation', 'due_soon', 'overdue', 'expiry'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** A notification a producer wants one recipient to get (once: `sourceKey` is unique per recipient). */
export interface NewNotification {
  tenantId: string;
  orgPath: string;
  recipientId: string;
  kind: NotificationKind;
  /** Unique per recipient, e.g. `task:<id>:assigned`. */
  sourceKey: string;
  /** The task / record id the producers anti-join on. */
  sourceId: string;
  event: string;
  /** What the web app renders the title and body from (task name, due time, record label ...). */
  params: Record<string, unknown>;
  link: string | null;
}

/** A notification as the API returns it. */
export interface NotificationDto {
  id: string;
  kind: string;
  event: string;
  params: Record<string, unknown>;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

interface NotificationRow {
  id: string;
  kind: string;
  event: string;
  params: string;
  link: string | null;
  created_at: number | string;
  read_at: number | string | null;
}

const insertIgnore = (tx: Tx) => (tx.dialect === 'sqlite' ? 'INSERT OR IGNORE' : 'INSERT IGNORE');

/**
 * Adds `n` unless its recipient already has its source key (another node, or
 * an earlier tick, made it), and queues one delivery per enabled channel of
 * the tenant that covers the notification's org and kind (one per channel and
 * source key: a group robot hears of an event once, whatever the number of
 * recipients). One transaction. Returns whether it was new.
 */
export async function addNotification(deps: Pick<AppDeps, 'db' | 'clock'>, n: NewNotification): Promise<boolean> {
  const now = deps.clock.now().getTime();
  return deps.db.transaction(async (tx) => {
    const id = crypto.randomUUID();
    const added = await tx.execute(
      `${insertIgnore(tx)} INTO notification (id, tenant_id, org_path, recipient_id, kind, source_key, source_id, event, params, link, created_at, read_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
      [id, n.tenantId, n.orgPath.slice(0, 700), n.recipientId, n.kind, n.sourceKey.slice(0, 255), n.sourceId.slice(0, 64), n.event, JSON.stringify(n.params), n.link, now],
    );
    if (added !== 1) return false;
    const channels = await tx.query<{ id: string; org_path: string; kinds: string | null }>(
      `SELECT id, org_path, kinds FROM notification_channel WHERE tenant_id = ? AND enabled = 1`,
      [n.tenantId],
    );
    for (const c of channels) {
      const kinds = c.kinds ? (JSON.parse(c.kinds) as string[]) : null;
      if (!n.orgPath.startsWith(c.org_path) || (kinds && !kinds.includes(n.kind))) continue;
      await tx.execute(
        `${insertIgnore(tx)} INTO notification_delivery (id, channel_id, notification_id, tenant_id, dedupe_key, state, attempts, next_attempt_at, lease_until, last_error, sent_at, created_at, updated_at, revision)
         VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, NULL, NULL, NULL, ?, ?, 1)`,
        [crypto.randomUUID(), c.id, id, n.tenantId, n.sourceKey.slice(0, 255), now, now, now],
      );
    }
    return true;
  });
}

const iso = (v: number | string | null) => (v === null ? null : new Date(Number(v)).toISOString());

function dtoOf(r: NotificationRow): NotificationDto {
  return { id: r.id, kind: r.kind, event: r.event, params: JSON.parse(r.params) as Record<string, unknown>, link: r.link, createdAt: iso(r.created_at)!, readAt: iso(r.read_at) };
}

/** The caller's own notifications: list, count, mark read. Nobody reads anyone else's. */
export class NotificationStore {
  constructor(private readonly deps: Pick<AppDeps, 'db' | 'clock'>) {}

  async list(auth: AuthContext, q: { unread?: boolean; limit: number; offset: number }): Promise<{ items: NotificationDto[]; total: number }> {
    const where = q.unread ? 'recipient_id = ? AND read_at IS NULL' : 'recipient_id = ?';
    const [count] = await this.deps.db.query<{ n: number | string }>(`SELECT COUNT(*) AS n FROM notification WHERE ${where}`, [auth.userId]);
    const rows = await this.deps.db.query<NotificationRow>(
      `SELECT id, kind, event, params, link, created_at, read_at FROM notification WHERE ${where} ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`,
      [auth.userId, q.limit, q.offset],
    );
    return { items: rows.map(dtoOf), total: Number(count?.n ?? 0) };
  }

  async unreadCount(auth: AuthContext): Promise<number> {
    const [row] = await this.deps.db.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM notification WHERE recipient_id = ? AND read_at IS NULL', [auth.userId]);
    return Number(row?.n ?? 0);
  }

  /** Marks one of the caller's notifications read (again: keeps the first read time); 404 `notification.not_found` for anyone else's. */
  async markRead(auth: AuthContext, id: string): Promise<NotificationDto> {
    const [row] = await this.deps.db.query<NotificationRow & { org_path: string }>(
      'SELECT id, kind, event, params, link, created_at, read_at, org_path FROM notification WHERE id = ? AND recipient_id = ?',
      [id, auth.userId],
    );
    if (!row) throw new SafeFlowError('notification.not_found', `Notification '${id}' not found`, { status: 404 });
    if (row.read_at !== null) return dtoOf(row);
    const readAt = await unitOfWork(this.deps, actorOf(auth), async (uow) => {
      await uow.tx.execute('UPDATE notification SET read_at = ? WHERE id = ? AND recipient_id = ? AND read_at IS NULL', [uow.now.getTime(), id, auth.userId]);
      return uow.now.getTime();
    });
    return dtoOf({ ...row, read_at: readAt });
  }

  /** Marks every unread notification of the caller read; returns how many. */
  async markAllRead(auth: AuthContext): Promise<number> {
    return unitOfWork(this.deps, actorOf(auth), (uow) =>
      uow.tx.execute('UPDATE notification SET read_at = ? WHERE recipient_id = ? AND read_at IS NULL', [uow.now.getTime(), auth.userId]),
    );
  }
}
