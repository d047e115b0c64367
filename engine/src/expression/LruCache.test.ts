import { describe, expect, it } from 'vitest';
import { LruCache } from './LruCache';

describe('LruCache', () => {
  it('keeps recently used entries and drops unused ones', () => {
    // given a cache of 4 (two generations of 2) holding a, b, c, d where a is read after c arrived
    const cache = new LruCache<string, number>(4);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3);
    cache.get('a');
    cache.set('d', 4);
    // when more entries arrive
    cache.set('e', 5);
    // then the unused b is gone while a, used recently, survives
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('e')).toBe(5);
  });

  it('never holds more than its capacity', () => {
    // given a cache of 10
    const cache = new LruCache<number, number>(10);
    // when 100 entries are stored
    for (let i = 0; i < 100; i++) cache.set(i, i);
    // then at most 10 remain and the newest is there
    expect(cache.size).toBeLessThanOrEqual(10);
    expect(cache.get(99)).toBe(99);
    expect(cache.get(0)).toBeUndefined();
  });

  it('replaces an existing key without growing', () => {
    // given a cache holding 'a'
    const cache = new LruCache<string, number>(4);
    cache.set('a', 1);
    // when 'a' is set again
    cache.set('a', 2);
    // then it holds the new value once
    expect(cache.get('a')).toBe(2);
    expect(cache.size).toBe(1);
  });
});
