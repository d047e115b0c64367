import { z } from 'zod';
import { defineNotificationChannel } from '@safeflow/plugin-kit';
import { postJson } from './postJson';

const config = z.object({
  /** The gateway's send endpoint; it gets `{to, text, kind, link}` as JSON. */
  url: z.url(),
  /** Sent as `Authorization: Bearer <token>` when set. */
  token: z.string().min(1).max(500).optional(),
  /** Phone numbers the messages go to (E.164 or local digits). */
  to: z.array(z.string().regex(/^\+?[0-9]{5,20}$/)).min(1).max(100),
  /** Sender signature put in front of the text, e.g. 【安全生产】. */
  signature: z.string().max(40).optional(),
});

/** A generic SMS-gateway HTTP adapter: one POST of `{to: [...], text, kind, link}` per message, 2xx = accepted. */
export const smsGateway = defineNotificationChannel({
  key: 'sms-gateway',
  name: { 'zh-CN': '短信网关（HTTP）', en: 'SMS gateway (HTTP)' },
  configSchema: config,
  secretFields: ['token'],
  async send(ctx, message) {
    const text = `${ctx.config.signature ?? ''}${message.title}：${message.text}`;
    await postJson(ctx.config.url, { to: ctx.config.to, text, kind: message.kind, link: message.link }, {
      signal: ctx.signal,
      headers: ctx.config.token ? { authorization: `Bearer ${ctx.config.token}` } : undefined,
    });
  },
});
