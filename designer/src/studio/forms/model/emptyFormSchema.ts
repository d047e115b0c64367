import type { FormSchema } from '@safeflow/engine/forms';

/** An empty form document (its own module so the form list page does not load the designer). */
export function emptyFormSchema(): FormSchema {
  return { type: 'object', properties: {} };
}
