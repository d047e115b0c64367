import { computed, reactive, ref, shallowRef, type Ref } from 'vue';
import type { FormComponentCatalogue, FormComponentCatalogueEntry, FormSchema } from '@safeflow/engine/forms';
import { ApiError } from '@/api';
import { canonical } from './model/designerSchema';
import { CommandRefused } from './model/CommandStack';
import { FormDesigner, loadDesignerState } from './model/FormDesigner';
import { nodeAt, type NodePath } from './model/schemaNodes';
import { formsApi, type FormDefinition, type FormWithVersions } from './formsApi';

/** Everything the designer page and its panels share (one instance per opened form). */
export interface FormDesignerSession {
  designer: FormDesigner;
  catalogue: FormComponentCatalogue;
  definition: Ref<FormDefinition>;
  /** Revision of the draft being edited (undefined when the latest version is published). */
  revision: Ref<number | undefined>;
  selected: Ref<NodePath | null>;
  /** Bumped on every command (undo/redo included), for views that cache. */
  tick: Ref<number>;
  canUndo: Ref<boolean>;
  canRedo: Ref<boolean>;
  dirty: Ref<boolean>;
  exported: Ref<FormSchema>;
  entryOf(node: FormSchema | undefined): FormComponentCatalogueEntry | undefined;
  /** Runs a designer call; a refused command comes back as its code instead of throwing. */
  run<T>(fn: () => T): { ok: true; value: T } | { ok: false; code: string };
  save(): Promise<void>;
  markSaved(): void;
}

/** Loads a form definition and the component catalogue into a designer session. */
export async function openFormDesigner(key: string): Promise<FormDesignerSession> {
  const [catalogue, current] = await Promise.all([formsApi.catalogue(), formsApi.get(key)]);
  return createFormDesignerSession(key, catalogue, current);
}

/**
 * A designer session over an already loaded definition (`GET /definitions/form/:key`)
 * and catalogue; `saveDraft` defaults to the API call (component tests pass their own).
 */
export function createFormDesignerSession(
  key: string,
  catalogue: FormComponentCatalogue,
  current: FormWithVersions,
  saveDraft: typeof formsApi.saveDraft = formsApi.saveDraft,
): FormDesignerSession {
  const published = current.version?.status === 'published' ? current.version.content : undefined;
  const content = current.draft?.content ?? current.version?.content;
  const state = reactive(loadDesignerState(content, published));
  const designer = new FormDesigner(state, catalogue.components);
  const components = new Map(catalogue.components.map((c) => [c.name, c]));
  const definition = ref(current.definition) as Ref<FormDefinition>;
  const revision = ref<number | undefined>(current.draft?.revision);
  const selected = shallowRef<NodePath | null>(null);
  const tick = ref(0);
  const canUndo = ref(false);
  const canRedo = ref(false);
  designer.stack.onChanged(() => {
    tick.value++;
    canUndo.value = designer.stack.canUndo();
    canRedo.value = designer.stack.canRedo();
    if (selected.value && !nodeAt(state.schema, selected.value)) selected.value = null;
  });
  const exported = computed(() => {
    void tick.value;
    return designer.exportSchema();
  });
  const savedJson = ref(canonical(designer.exportSchema()));
  const dirty = computed(() => canonical(exported.value) !== savedJson.value);

  const session: FormDesignerSession = {
    designer,
    catalogue,
    definition,
    revision,
    selected,
    tick,
    canUndo,
    canRedo,
    dirty,
    exported,
    entryOf: (node) => (typeof node?.['x-component'] === 'string' ? components.get(node['x-component']) : undefined),
    run(fn) {
      try {
        return { ok: true, value: fn() };
      } catch (e) {
        if (e instanceof CommandRefused) return { ok: false, code: e.code };
        throw e;
      }
    },
    async save() {
      const content = designer.exportSchema();
      // revision 0 = "I expect no draft yet" (the latest version is published): a draft someone else
      // started meanwhile then answers 409 instead of being overwritten
      const out = await saveDraft(key, { content, revision: revision.value ?? 0 });
      definition.value = out.definition;
      revision.value = out.version.status === 'draft' ? out.version.revision : undefined;
      savedJson.value = canonical(content);
    },
    markSaved() {
      savedJson.value = canonical(designer.exportSchema());
    },
  };
  return session;
}

/** Whether an API error is the draft's revision conflict (409). */
export function isConflict(e: unknown): boolean {
  return e instanceof ApiError && e.status === 409;
}
