import { z } from 'zod';
import { NOTIFICATION_KINDS } from './NotificationStore';

/** Body of `POST /notification-channels`. */
export const ChannelCreate = z.strictObject({
  orgId: z.string().min(1).max(36),
  channelKey: z.string().min(1).max(128),
  name: z.string().min(1).max(200),
  /** The channel's own settings (checked against its `configSchema`); secrets sent back as `***` keep the stored value. */
  config: z.record(z.string(), z.unknown()),
  /** Kinds forwarded; absent or null: all. */
  kinds: z.array(z.enum(NOTIFICATION_KINDS)).min(1).nullable().optional(),
  enabled: z.boolean().default(true),
});
export type ChannelCreate = z.infer<typeof ChannelCreate>;

/** Body of `PUT /notification-channels/:id`. */
export const ChannelUpdate = ChannelCreate.omit({ orgId: true, channelKey: true }).extend({ revision: z.number().int().positive() });
export type ChannelUpdate = z.infer<typeof ChannelUpdate>;

export const ChannelOut = z.object({
  id: z.string(),
  orgId: z.string(),
  channelKey: z.string(),
  name: z.string(),
  config: z.record(z.string(), z.unknown()),
  kinds: z.array(z.string()).nullable(),
  enabled: z.boolean(),
  revision: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  deliveries: z.object({ pending: z.number().int(), sent: z.number().int(), failed: z.number().int() }),
});
export type ChannelDto = z.infer<typeof ChannelOut>;

export const DeliveryOut = z.object({
  id: z.string(),
  notificationId: z.string(),
  kind: z.string(),
  state: z.enum(['pending', 'sent', 'failed']),
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  lastError: z.string().nullable(),
  sentAt: z.string().nullable(),
  createdAt: z.string(),
});
