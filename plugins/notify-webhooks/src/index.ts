import { definePlugin } from '@safeflow/plugin-kit';
import { dingtalkRobot } from './dingtalkRobot';
import { smsGateway } from './smsGateway';
import { wecomRobot } from './wecomRobot';

/** Notification channels over webhooks (none is required: without a configured channel only in-app notifications exist). */
export const plugin = definePlugin({
  name: '@safeflow/plugin-notify-webhooks',
  version: '0.1.0',
  title: { 'zh-CN': '通知渠道（企业微信 / 钉钉 / 短信网关）', en: 'Notification channels (WeCom / DingTalk / SMS gateway)' },
  notificationChannels: [wecomRobot, dingtalkRobot, smsGateway],
});

export default plugin;
export { wecomRobot, dingtalkRobot, smsGateway };
export { dingtalkSign, signedUrl } from './dingtalkRobot';
