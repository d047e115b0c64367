import { z } from 'zod';
import { defineNotificationChannel } from '@safeflow/plugin-kit';
import { assertRobotOk, markdownOf, postJson } from './postJson';

const config = z.object({
  /** `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=...` (the key is the secret). */
  webhookUrl: z.url(),
  /** The web app's address, to put links in messages. */
  baseUrl: z.url().optional(),
});

/** WeCom (企业微信) group robot: POST `{msgtype: 'markdown', markdown: {content}}` to its webhook. */
export const wecomRobot = defineNotificationChannel({
  key: 'wecom-robot',
  name: { 'zh-CN': '企业微信群机器人', en: 'WeCom group robot' },
  configSchema: config,
  secretFields: ['webhookUrl'],
  async send(ctx, message) {
    const answer = await postJson(ctx.config.webhookUrl, { msgtype: 'markdown', markdown: { content: markdownOf(message, ctx.config.baseUrl) } }, { signal: ctx.signal });
    assertRobotOk(answer, 'WeCom');
  },
});
