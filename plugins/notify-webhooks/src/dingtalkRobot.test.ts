import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dingtalkSign, signedUrl } from './dingtalkRobot';

describe('DingTalk 加签', () => {
  it('appends timestamp and the URL-encoded base64 HMAC-SHA256 of "timestamp\\nsecret", keeping the access token', () => {
    // given a webhook URL with its access token and a signing secret
    const url = 'https://oapi.dingtalk.com/robot/send?access_token=abc';
    const ts = 1_764_000_000_123;
    // when the URL is signed
    const signed = new URL(signedUrl(url, 'SEC000', ts));
    // then the sign is the documented HMAC, sent URL-encoded (base64 has + / =)
    const expected = crypto.createHmac('sha256', 'SEC000').update(`${ts}\nSEC000`).digest('base64');
    expect(dingtalkSign(ts, 'SEC000')).toBe(expected);
    expect(signed.searchParams.get('access_token')).toBe('abc');
    expect(signed.searchParams.get('timestamp')).toBe(String(ts));
    expect(signed.searchParams.get('sign')).toBe(expected);
    expect(signed.search).not.toMatch(/sign=[^&]*[+/=]/);
    // and without a secret the URL is left alone
    expect(signedUrl(url, undefined, ts)).toBe(url);
  });
});
