import type { Form } from '@formily/core';

/** An error with a data path (`items.0.note`), as the server and validateSubmission return them. */
export interface PathError {
  path: string;
  message: string;
  code?: string;
}

/** Feedback code SafeFlow's own errors are stored under (cleared when the field changes). */
export const SAFEFLOW_FEEDBACK = 'SafeFlowError';

/**
 * Puts path errors on the fields they belong to: the field at the path, or
 * the nearest ancestor field (a ScoredItem for `q1.photos`). Returns the
 * errors no rendered field owns (shown above the submit button).
 */
export function applyPathErrors(form: Form, errors: readonly PathError[]): PathError[] {
  const byField = new Map<string, { field: ReturnType<Form['query']>['take'] extends () => infer F ? F : never; messages: string[] }>();
  const unplaced: PathError[] = [];
  for (const e of errors) {
    const segs = e.path.split('.').filter(Boolean);
    let field;
    for (let n = segs.length; n > 0 && !field; n--) field = form.query(segs.slice(0, n).join('.')).take();
    if (!field || field.displayName === 'VoidField') {
      unplaced.push(e);
      continue;
    }
    const key = field.address.toString();
    const slot = byField.get(key) ?? { field, messages: [] };
    if (!slot.messages.includes(e.message)) slot.messages.push(e.message);
    byField.set(key, slot);
  }
  for (const { field, messages } of byField.values()) {
    (field as unknown as { setFeedback(f: unknown): void }).setFeedback({ type: 'error', code: SAFEFLOW_FEEDBACK, messages });
  }
  return unplaced;
}

/** Clears SafeFlow's errors on every field. */
export function clearPathErrors(form: Form): void {
  form.query('*').forEach((f) => {
    (f as unknown as { setFeedback?(x: unknown): void }).setFeedback?.({ type: 'error', code: SAFEFLOW_FEEDBACK, messages: [] });
  });
}
