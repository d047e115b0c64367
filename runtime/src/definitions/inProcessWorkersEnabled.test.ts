import { describe, expect, it } from 'vitest';
import { inProcessWorkersEnabled } from './inProcessWorkersEnabled';

describe('inProcessWorkersEnabled', () => {
  it('runs the built-in workers by default, not under the test runner, and obeys the explicit switch', () => {
    expect(inProcessWorkersEnabled({})).toBe(true);
    expect(inProcessWorkersEnabled({ VITEST: 'true' })).toBe(false);
    expect(inProcessWorkersEnabled({ VITEST: 'true', SAFEFLOW_INPROCESS_WORKERS: 'true' })).toBe(true);
    expect(inProcessWorkersEnabled({ SAFEFLOW_INPROCESS_WORKERS: 'false' })).toBe(false);
  });
});
