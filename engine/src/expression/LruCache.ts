/**
 * A small least-recently-used cache in the two-generation style of `hashlru`:
 * hits in the current generation cost one Map lookup (no reordering), hits in
 * the previous generation are promoted, and when the current generation is
 * full it becomes the previous one, dropping everything not used since. Holds
 * at most `capacity` entries; an entry used at least once per `capacity / 2`
 * insertions is never evicted.
 */
export class LruCache<K, V> {
  private current = new Map<K, V>();
  private previous = new Map<K, V>();
  private readonly generationSize: number;

  constructor(readonly capacity: number) {
    this.generationSize = Math.max(1, Math.floor(capacity / 2));
  }

  /** The cached value, or undefined; a hit counts as a use. */
  get(key: K): V | undefined {
    const value = this.current.get(key);
    if (value !== undefined) return value;
    const old = this.previous.get(key);
    if (old !== undefined) this.promote(key, old);
    return old;
  }

  /** Stores `value` as a fresh entry. */
  set(key: K, value: V): void {
    if (this.current.has(key)) this.current.set(key, value);
    else this.promote(key, value);
  }

  private promote(key: K, value: V): void {
    this.previous.delete(key);
    if (this.current.size >= this.generationSize) {
      this.previous = this.current;
      this.current = new Map();
    }
    this.current.set(key, value);
  }

  /** Number of entries held. */
  get size(): number {
    return this.current.size + this.previous.size;
  }

  /** Drops every entry. */
  clear(): void {
    this.current.clear();
    this.previous.clear();
  }
}
