import { describe, expect, it } from 'vitest';
import { loadConfig } from './loadConfig';

describe('loadConfig: remote engine settings', () => {
  it('reads ENGINE_URL with Basic credentials and a timeout', () => {
    // when
    const c = loadConfig({ ENGINE_URL: 'http://operaton:8080/engine-rest', ENGINE_USERNAME: 'svc', ENGINE_PASSWORD: 'pw', ENGINE_TIMEOUT_MS: '5000' });
    // then
    expect(c).toMatchObject({ engineUrl: 'http://operaton:8080/engine-rest', engineUsername: 'svc', enginePassword: 'pw', engineToken: undefined, engineTimeoutMs: 5000 });
  });

  it('defaults to the own engine, no credentials and a 30 s timeout; empty values count as unset', () => {
    // when
    const c = loadConfig({ ENGINE_URL: '', ENGINE_TOKEN: '' });
    // then
    expect(c).toMatchObject({ engineUrl: undefined, engineToken: undefined, engineTimeoutMs: 30_000 });
  });

  it('refuses a username without password, both schemes at once, and a bad timeout', () => {
    // when / then
    expect(() => loadConfig({ ENGINE_USERNAME: 'svc' })).toThrow(/ENGINE_PASSWORD: ENGINE_USERNAME and ENGINE_PASSWORD go together/);
    expect(() => loadConfig({ ENGINE_USERNAME: 'svc', ENGINE_PASSWORD: 'pw', ENGINE_TOKEN: 't' })).toThrow(/ENGINE_TOKEN: use ENGINE_TOKEN or/);
    expect(() => loadConfig({ ENGINE_TIMEOUT_MS: '0' })).toThrow(/ENGINE_TIMEOUT_MS/);
    expect(() => loadConfig({ ENGINE_URL: 'operaton:8080' })).toThrow(/ENGINE_URL/);
  });
});
