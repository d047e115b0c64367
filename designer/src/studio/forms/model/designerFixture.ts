import { createDefaultFormComponentRegistry, formComponentCatalogue, type FormSchema } from '@safeflow/engine/forms';
import { FormDesigner, loadDesignerState } from './FormDesigner';
import { clone } from './schemaNodes';

/** The catalogue the server serves (`GET /catalogue/form-components`), built from the same registry. */
export const testCatalogue = formComponentCatalogue(createDefaultFormComponentRegistry());

/** A designer over `content` with a deterministic name generator (`input_0001`, `input_0002`, ...). */
export function testDesigner(content?: FormSchema, published?: FormSchema): FormDesigner {
  let n = 0;
  return new FormDesigner(loadDesignerState(content, published), testCatalogue.components, () => ++n / 36 ** 4);
}

/** A JSON snapshot of the designer's document, for undo assertions. */
export function snapshot(d: FormDesigner): unknown {
  return clone({ schema: d.state.schema, linkage: d.state.linkage });
}
