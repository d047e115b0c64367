import type { z } from 'zod';
import { SafeFlowError } from '@safeflow/engine/errors';
import type { LocalizedText } from './LocalizedText';

/** What a channel sends: one notification event, already rendered as text. */
export interface NotificationMessage {
  /** `assignment`, `claimable`, `escalation`, `due_soon`, `overdue`, `expiry`. */
  kind: string;
  title: string;
  /** Plain text (a line or two); channels that support markdown may format it. */
  text: string;
  /** The web app route the notification links to (e.g. `/tasks/<id>`), or null. */
  link: string | null;
  /** ISO time the notification was made. */
  createdAt: string;
}

/** What a channel's `send` gets besides the message. */
export interface NotificationChannelContext<C> {
  /** The tenant's configuration of this channel, decoded by `configSchema`. */
  config: C;
  /** Aborts when the delivery takes too long (pass it to fetch). */
  signal: AbortSignal;
  /** The delivery's attempt number, from 1. */
  attempt: number;
}

/**
 * A notification channel (SMS gateway, WeCom robot, DingTalk robot ...):
 * a tenant configures it (`configSchema`, secrets listed in `secretFields`
 * are shown as `***`), the runtime hands it every notification event it
 * forwards; `send` throws to fail the attempt (retried with backoff).
 */
export interface NotificationChannelDefinition<C = unknown> {
  /** Unique key, e.g. `wecom-robot`. */
  key: string;
  name: LocalizedText;
  configSchema: z.ZodType<C>;
  /** Top-level config fields holding secrets (webhook URLs with tokens, signing secrets). */
  secretFields?: readonly string[];
  send(ctx: NotificationChannelContext<C>, message: NotificationMessage): Promise<void>;
}

const KEY = /^[a-z][a-z0-9-]{1,63}$/;

/**
 * Declares a notification channel for a plugin's `notificationChannels`.
 * @throws SafeFlowError `plugin.invalid_key` for a key that is not lower-case kebab (2–64 chars).
 */
export function defineNotificationChannel<C>(def: NotificationChannelDefinition<C>): NotificationChannelDefinition<C> {
  if (!KEY.test(def.key ?? '')) throw new SafeFlowError('plugin.invalid_key', `Notification channel key '${def.key}' must be lower-case kebab (a-z, 0-9, -)`, { status: 500 });
  return Object.freeze({ ...def });
}
