import { SafeFlowError } from '../../errors';
import type { FormComponentDefinition } from './FormComponentDefinition';

/** A set of form components by name. */
export interface FormComponentRegistry {
  /** Adds a component; throws `registry.duplicate` when the name is taken. */
  register(definition: FormComponentDefinition): void;
  /** The component of that name, or undefined. */
  get(name: string): FormComponentDefinition | undefined;
  has(name: string): boolean;
  /** Every registered component, in registration order. */
  list(): FormComponentDefinition[];
}

/** Creates a registry, optionally pre-filled; duplicate names are rejected with `registry.duplicate`. */
export function createFormComponentRegistry(initial: FormComponentDefinition[] = []): FormComponentRegistry {
  const byName = new Map<string, FormComponentDefinition>();
  const registry: FormComponentRegistry = {
    register(definition) {
      if (byName.has(definition.name)) {
        throw new SafeFlowError(
          'registry.duplicate',
          `Form component '${definition.name}' is already registered`,
          { details: { name: definition.name } },
        );
      }
      byName.set(definition.name, definition);
    },
    get: (name) => byName.get(name),
    has: (name) => byName.has(name),
    list: () => [...byName.values()],
  };
  for (const d of initial) registry.register(d);
  return registry;
}
