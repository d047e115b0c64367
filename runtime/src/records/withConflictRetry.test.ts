import { describe, expect, it } from 'vitest';
import { withConflictRetry } from './withConflictRetry';

describe('withConflictRetry', () => {
  it('runs the work again after a deadlock or a duplicate first insert, and returns its result', async () => {
    let calls = 0;
    const result = await withConflictRetry(async () => {
      calls++;
      if (calls === 1) throw Object.assign(new Error('Deadlock found'), { code: 'ER_LOCK_DEADLOCK' });
      if (calls === 2) throw Object.assign(new Error('dup'), { driverError: { code: 'ER_DUP_ENTRY' } });
      return 'created';
    });
    expect([result, calls]).toEqual(['created', 3]);
  });

  it('throws other errors at once and the last conflict after the attempts', async () => {
    let calls = 0;
    await expect(
      withConflictRetry(async () => {
        calls++;
        throw Object.assign(new Error('invalid'), { code: 'records.invalid' });
      }),
    ).rejects.toThrow('invalid');
    expect(calls).toBe(1);
    calls = 0;
    await expect(
      withConflictRetry(async () => {
        calls++;
        throw Object.assign(new Error('busy'), { code: 'SQLITE_BUSY' });
      }, 3),
    ).rejects.toThrow('busy');
    expect(calls).toBe(3);
  });
});
