import type { AppDeps } from '../app/AppDeps';
import { renderNotification } from './renderNotification';

/** Attempts before a delivery is marked failed for good. */
export const MAX_ATTEMPTS = 5;
/** First retry after this many ms; doubled each attempt, at most {@link MAX_BACKOFF_MS}. */
export const BASE_BACKOFF_MS = 30_000;
export const MAX_BACKOFF_MS = 3_600_000;
/** A claimed delivery is re-tried by any node once its lease is over (the claiming node died mid-send). */
const LEASE_MS = 60_000;
const SEND_TIMEOUT_MS = 10_000;

/** The wait before attempt `attempt + 1` after `attempt` failed ones. */
export function backoffMs(attempt: number): number {
  return Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** Math.max(0, attempt - 1));
}

/** What one {@link deliverDue} round did. */
export interface DeliveryReport {
  sent: number;
  retried: number;
  failed: number;
}

/**
 * Sends the pending deliveries whose time has come through their channel's
 * plugin: each claimed by a revision-checked UPDATE (one node wins), then
 * `sent`, or retried later with exponential backoff and the error kept, or
 * `failed` after {@link MAX_ATTEMPTS} (or at once when the channel type is not
 * installed / its config no longer valid). Safe on any number of nodes.
 */
export async function deliverDue(deps: AppDeps, opts: { batch?: number } = {}): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, retried: 0, failed: 0 };
  const now = deps.clock.now().getTime();
  const due = await deps.db.query<{ id: string; revision: number }>(
    `SELECT id, revision FROM notification_delivery WHERE state = 'pending' AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until <= ?)
      ORDER BY next_attempt_at, id LIMIT ${opts.batch ?? 50}`,
    [now, now],
  );
  for (const d of due) {
    const claimed = await deps.db.transaction((tx) =>
      tx.execute(`UPDATE notification_delivery SET lease_until = ?, attempts = attempts + 1, updated_at = ?, revision = revision + 1 WHERE id = ? AND revision = ? AND state = 'pending'`, [
        now + LEASE_MS, now, d.id, d.revision,
      ]),
    );
    if (claimed !== 1) continue;
    const [row] = await deps.db.query<{ attempts: number; channel_key: string; config: string; kind: string; event: string; params: string; link: string | null; created_at: number | string }>(
      `SELECT d.attempts, c.channel_key, c.config, n.kind, n.event, n.params, n.link, n.created_at
         FROM notification_delivery d JOIN notification_channel c ON c.id = d.channel_id JOIN notification n ON n.id = d.notification_id WHERE d.id = ?`,
      [d.id],
    );
    if (!row) continue;
    const attempt = Number(row.attempts);
    let error: string | undefined;
    let final = false;
    const def = deps.notificationChannels.get(row.channel_key);
    const config = def?.configSchema.safeParse(JSON.parse(row.config));
    if (!def) [error, final] = [`channel type '${row.channel_key}' is not installed`, true];
    else if (!config?.success) [error, final] = [`invalid channel config: ${config?.error.issues.map((i) => i.message).join('; ')}`, true];
    else {
      const { title, text } = renderNotification(row.kind, row.event, JSON.parse(row.params) as Record<string, unknown>);
      try {
        await def.send(
          { config: config.data, signal: AbortSignal.timeout(SEND_TIMEOUT_MS), attempt },
          { kind: row.kind, title, text, link: row.link, createdAt: new Date(Number(row.created_at)).toISOString() },
        );
      } catch (err) {
        error = (err as Error)?.message ?? String(err);
      }
    }
    const at = deps.clock.now().getTime();
    if (error === undefined) {
      await deps.db.transaction((tx) =>
        tx.execute(`UPDATE notification_delivery SET state = 'sent', sent_at = ?, lease_until = NULL, last_error = NULL, updated_at = ?, revision = revision + 1 WHERE id = ?`, [at, at, d.id]),
      );
      report.sent++;
    } else if (final || attempt >= MAX_ATTEMPTS) {
      await deps.db.transaction((tx) =>
        tx.execute(`UPDATE notification_delivery SET state = 'failed', lease_until = NULL, last_error = ?, updated_at = ?, revision = revision + 1 WHERE id = ?`, [error.slice(0, 1000), at, d.id]),
      );
      deps.logger.warn({ deliveryId: d.id, channel: row.channel_key, error }, 'notification delivery failed for good');
      report.failed++;
    } else {
      await deps.db.transaction((tx) =>
        tx.execute(`UPDATE notification_delivery SET lease_until = NULL, next_attempt_at = ?, last_error = ?, updated_at = ?, revision = revision + 1 WHERE id = ?`, [
          at + backoffMs(attempt), error.slice(0, 1000), at, d.id,
        ]),
      );
      report.retried++;
    }
  }
  return report;
}
