import { describe, expect, it } from 'vitest';
import { configFields, configOf, valuesOf } from './channelConfigForm';
import type { ChannelType } from './notificationsApi';

const sms: ChannelType = {
  key: 'sms-gateway',
  name: { 'zh-CN': '短信网关', en: 'SMS gateway' },
  configSchema: {
    properties: { url: { type: 'string', format: 'uri' }, token: { type: 'string' }, to: { type: 'array', items: { type: 'string' } } },
    required: ['url', 'to'],
  },
  secretFields: ['token'],
};

describe('channel settings form from a config JSON Schema', () => {
  it('lists the inputs with required and secret flags, and turns values into a config and back', () => {
    // given the SMS gateway's schema
    const fields = configFields(sms);
    // when values are entered (numbers separated by commas, spaces or Chinese commas; the token left empty)
    const config = configOf(fields, { url: ' http://gw.local/send ', token: '', to: '138 139，137' });
    // then
    expect(fields.map((f) => [f.name, f.kind, f.required, f.secret])).toEqual([
      ['url', 'text', true, false],
      ['token', 'text', false, true],
      ['to', 'list', true, false],
    ]);
    expect(config).toEqual({ url: 'http://gw.local/send', to: ['138', '139', '137'] });
    expect(valuesOf(fields, { ...config, token: '***' })).toEqual({ url: 'http://gw.local/send', token: '***', to: '138, 139, 137' });
  });
});
