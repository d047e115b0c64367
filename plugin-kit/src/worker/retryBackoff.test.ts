import { describe, expect, it } from 'vitest';
import { nextRetry } from './retryBackoff';

describe('nextRetry', () => {
  const policy = { retries: 3, baseMs: 1000, maxMs: 3000 };

  it('counts retries down from the policy on the first failure and doubles the wait', () => {
    expect(nextRetry(null, policy)).toEqual({ retries: 2, retryTimeout: 1000 });
    expect(nextRetry(2, policy)).toEqual({ retries: 1, retryTimeout: 2000 });
  });

  it('reports 0 retries (an incident) when they are used up, and never goes negative', () => {
    expect(nextRetry(1, policy)).toEqual({ retries: 0, retryTimeout: 0 });
    expect(nextRetry(0, policy).retries).toBe(0);
  });

  it('caps the wait', () => {
    expect(nextRetry(10, { retries: 12, baseMs: 1000, maxMs: 3000 }).retryTimeout).toBe(3000);
  });
});
