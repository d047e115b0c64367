import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../logging/createLogger';
import { LongPollRegistry } from './LongPollRegistry';

/** A topic's unlocked tasks, taken by fetches as FetchAndLock would lock them; counts the fetches. */
function taskPool(tasks: string[]) {
  const pool = { tasks: [...tasks], fetches: 0 };
  const fetcher =
    (accept: (t: string) => boolean = () => true, maxTasks = 1) =>
    async () => {
      pool.fetches++;
      await new Promise((r) => setImmediate(r)); // a fetch is a transaction: it yields
      const got = pool.tasks.filter(accept).slice(0, maxTasks);
      pool.tasks = pool.tasks.filter((t) => !got.includes(t));
      return got;
    };
  return { pool, fetcher };
}

const settle = () => new Promise((r) => setTimeout(r, 20));

describe('LongPollRegistry: a wake goes through the held requests one fetch at a time', () => {
  let registry: LongPollRegistry;
  afterEach(() => registry.close());

  it('one new task among 50 identical held requests costs two fetches, not fifty', async () => {
    // given
    registry = new LongPollRegistry(createLogger('silent'));
    const { pool, fetcher } = taskPool([]);
    const answers: string[][] = [];
    for (let i = 0; i < 50; i++)
      registry.register(['score'], 60_000, fetcher(), (t) => answers.push(t), 'worker-1:score');
    // when
    pool.tasks.push('task-1');
    registry.wake(['score']);
    await settle();
    // then
    expect(answers).toEqual([['task-1']]);
    expect(pool.fetches).toBe(2);
    expect(registry.size).toBe(49);
  });

  it('three tasks reach three requests; the fourth finds nothing and stops the wake for the rest', async () => {
    // given
    registry = new LongPollRegistry(createLogger('silent'));
    const { pool, fetcher } = taskPool([]);
    const answers: string[][] = [];
    for (let i = 0; i < 10; i++)
      registry.register(['score'], 60_000, fetcher(), (t) => answers.push(t), 'worker-1:score');
    // when
    pool.tasks.push('a', 'b', 'c');
    registry.wake(['score']);
    await settle();
    // then
    expect(answers.flat().sort()).toEqual(['a', 'b', 'c']);
    expect(pool.fetches).toBe(4);
    expect(registry.size).toBe(7);
  });

  it('a request with other filters is still asked after an empty answer of another signature', async () => {
    // given: a held request that only takes tasks of business key 'k2', then one that takes any
    registry = new LongPollRegistry(createLogger('silent'));
    const { pool, fetcher } = taskPool([]);
    const answers: Array<[string, string[]]> = [];
    registry.register(
      ['score'],
      60_000,
      fetcher((t) => t.endsWith('k2')),
      (t) => answers.push(['k2 only', t]),
      'worker-1:score:k2',
    );
    registry.register(['score'], 60_000, fetcher(), (t) => answers.push(['any', t]), 'worker-1:score');
    // when
    pool.tasks.push('task-k1');
    registry.wake(['score']);
    await settle();
    // then
    expect(answers).toEqual([['any', ['task-k1']]]);
    expect(pool.fetches).toBe(2);
  });

  it('requests of another topic are not asked', async () => {
    // given
    registry = new LongPollRegistry(createLogger('silent'));
    const { pool, fetcher } = taskPool([]);
    registry.register(['notify'], 60_000, fetcher(), () => undefined, 'worker-1:notify');
    // when
    registry.wake(['score']);
    await settle();
    // then
    expect(pool.fetches).toBe(0);
    expect(registry.size).toBe(1);
  });
});
