import { describe, expect, it } from 'vitest';
import { demoProcessesEnabled } from './demoProcessesEnabled';

describe('demoProcessesEnabled', () => {
  it('follows SEED_DEMO_PROCESSES, else runs outside the test runner only', () => {
    // given / when / then
    expect(demoProcessesEnabled({})).toBe(true);
    expect(demoProcessesEnabled({ VITEST: 'true' })).toBe(false);
    expect(demoProcessesEnabled({ VITEST: 'true', SEED_DEMO_PROCESSES: 'true' })).toBe(true);
    expect(demoProcessesEnabled({ SEED_DEMO_PROCESSES: 'false' })).toBe(false);
  });
});
