import { inject, provide, type InjectionKey, type Ref } from 'vue';

/** What SafeFlow's form components need from the page that renders the form. */
export interface SafeFormContext {
  /** The org uploaded files belong to (the task's org); uploads refuse without one. */
  orgId: Ref<string | undefined>;
  /** Preview mode (studio): no uploads, no GPS prompts. */
  preview: Ref<boolean>;
}

const KEY: InjectionKey<SafeFormContext> = Symbol('safeflow.form');

/** Provides the context (SafeForm does this). */
export function provideSafeFormContext(ctx: SafeFormContext): void {
  provide(KEY, ctx);
}

/** The nearest SafeForm's context (a harmless default outside one). */
export function useSafeFormContext(): SafeFormContext {
  return inject(KEY, null) ?? ({ orgId: { value: undefined }, preview: { value: false } } as unknown as SafeFormContext);
}
