/** A locally kept draft of a task's form. */
export interface Draft {
  values: Record<string, unknown>;
  savedAt: number;
  /** The form version it was filled against. */
  formVersionId?: string;
}

const key = (taskId: string) => `safeflow.draft.${taskId}`;

/** Drafts in localStorage, one per task (restored when the task is opened again). */
export const drafts = {
  load(taskId: string, storage: Storage = globalThis.localStorage): Draft | undefined {
    try {
      const raw = storage.getItem(key(taskId));
      return raw ? (JSON.parse(raw) as Draft) : undefined;
    } catch {
      return undefined;
    }
  },
  save(taskId: string, draft: Draft, storage: Storage = globalThis.localStorage): void {
    try {
      storage.setItem(key(taskId), JSON.stringify(draft));
    } catch {
      // storage full: the draft is not kept, the form still works
    }
  },
  clear(taskId: string, storage: Storage = globalThis.localStorage): void {
    storage.removeItem(key(taskId));
  },
};
