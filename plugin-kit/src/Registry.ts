import { SafeFlowError } from '@safeflow/engine/errors';

/**
 * One registry per extension point (task types, detectors, form components,
 * plugins), nocobase-style: a keyed map that rejects duplicate keys. Built at
 * start-up from the configured plugins and handed to the runtime through its
 * dependencies (`AppDeps`); nothing is looked up through module globals.
 * After {@link Registry.freeze} no more entries can be added.
 */
export class Registry<T> {
  private readonly items = new Map<string, { value: T; owner: string }>();
  private frozen = false;

  /** `kind` names the extension point in error messages (`task type`, `detector`, ...). */
  constructor(readonly kind: string) {}

  /**
   * Adds `value` under `key`, owned by `owner` (the plugin's name).
   * @throws SafeFlowError `plugin.duplicate_key` (409) when `key` is taken, `plugin.registry_frozen` after {@link freeze}, `plugin.invalid_key` for an empty key.
   */
  register(key: string, value: T, owner = 'unknown'): void {
    if (this.frozen) throw new SafeFlowError('plugin.registry_frozen', `The ${this.kind} registry is closed after start-up (${owner} tried to add '${key}')`, { status: 500 });
    if (!key || typeof key !== 'string') throw new SafeFlowError('plugin.invalid_key', `A ${this.kind} needs a non-empty key (from ${owner})`, { status: 500 });
    const had = this.items.get(key);
    if (had) {
      throw new SafeFlowError('plugin.duplicate_key', `${this.kind} '${key}' is registered twice: by ${had.owner} and by ${owner}`, {
        status: 409,
        details: { kind: this.kind, key, first: had.owner, second: owner },
      });
    }
    this.items.set(key, { value, owner });
  }

  /** The entry under `key`, or undefined. */
  get(key: string): T | undefined {
    return this.items.get(key)?.value;
  }

  /**
   * The entry under `key`.
   * @throws SafeFlowError `plugin.not_registered` (404) when there is none.
   */
  require(key: string): T {
    const e = this.items.get(key);
    if (!e) throw new SafeFlowError('plugin.not_registered', `No ${this.kind} '${key}' is registered`, { status: 404, details: { kind: this.kind, key } });
    return e.value;
  }

  has(key: string): boolean {
    return this.items.has(key);
  }

  /** The plugin that registered `key`, or undefined. */
  ownerOf(key: string): string | undefined {
    return this.items.get(key)?.owner;
  }

  keys(): string[] {
    return [...this.items.keys()];
  }

  /** Entries in registration order. */
  entries(): Array<{ key: string; value: T; owner: string }> {
    return [...this.items].map(([key, e]) => ({ key, value: e.value, owner: e.owner }));
  }

  values(): T[] {
    return [...this.items.values()].map((e) => e.value);
  }

  get size(): number {
    return this.items.size;
  }

  /** Closes the registry: later {@link register} calls throw. */
  freeze(): this {
    this.frozen = true;
    return this;
  }
}
