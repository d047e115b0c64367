import type { ExecutionContext } from '../ports';

/** A deterministic {@link ExecutionContext} for tests: a clock you set or advance, ids from a counter. */
export interface FakeContext extends ExecutionContext {
  advance(ms: number): void;
  set(iso: string | Date): void;
}

export function fakeContext(startIso = '2026-01-01T00:00:00.000Z', prefix = 'id'): FakeContext {
  let now = new Date(startIso).getTime();
  let counter = 0;
  return {
    now: () => new Date(now),
    newId: () => `${prefix}${++counter}`,
    advance(ms) {
      now += ms;
    },
    set(iso) {
      now = new Date(iso).getTime();
    },
  };
}
