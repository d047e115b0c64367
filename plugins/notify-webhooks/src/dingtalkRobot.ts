import crypto from 'node:crypto';
import { z } from 'zod';
import { defineNotificationChannel } from '@safeflow/plugin-kit';
import { assertRobotOk, markdownOf, postJson } from './postJson';

const config = z.object({
  /** `https://oapi.dingtalk.com/robot/send?access_token=...` (the token is a secret). */
  webhookUrl: z.url(),
  /** The robot's signing secret (`SEC...`), when 加签 is on. */
  secret: z.string().min(1).max(200).optional(),
  baseUrl: z.url().optional(),
});

/** DingTalk's signature: base64(HMAC-SHA256(secret, `${timestamp}\n${secret}`)). */
export function dingtalkSign(timestamp: number, secret: string): string {
  return crypto.createHmac('sha256', secret).update(`${timestamp}\n${secret}`, 'utf8').digest('base64');
}

/** The webhook URL with `timestamp` and `sign` (URL-encoded) when a secret is set. */
export function signedUrl(webhookUrl: string, secret: string | undefined, now: number): string {
  if (!secret) return webhookUrl;
  const url = new URL(webhookUrl);
  url.searchParams.set('timestamp', String(now));
  url.searchParams.set('sign', dingtalkSign(now, secret));
  return url.toString();
}

/** DingTalk (钉钉) custom robot: POST `{msgtype: 'markdown', markdown: {title, text}}`, signed with `timestamp` + `sign` when 加签 is on. */
export const dingtalkRobot = defineNotificationChannel({
  key: 'dingtalk-robot',
  name: { 'zh-CN': '钉钉自定义机器人', en: 'DingTalk custom robot' },
  configSchema: config,
  secretFields: ['webhookUrl', 'secret'],
  async send(ctx, message) {
    const url = signedUrl(ctx.config.webhookUrl, ctx.config.secret, Date.now());
    const answer = await postJson(url, { msgtype: 'markdown', markdown: { title: message.title, text: markdownOf(message, ctx.config.baseUrl) } }, { signal: ctx.signal });
    assertRobotOk(answer, 'DingTalk');
  },
});
