import type { FormSchema, LinkageRule } from '@safeflow/engine/forms';
import type { CommandHandler } from '../CommandStack';
import type { DesignerContext } from '../DesignerContext';
import { fromFormSchema } from '../designerSchema';

/** `document.import`: replaces the whole document with a pasted / uploaded form schema. */
export interface ImportSchemaContext {
  content: unknown;
  warnings?: string[];
  old?: { schema: FormSchema; linkage: LinkageRule[] };
}

/** Imports JSON (a root `type: 'object'` schema, else `designer.import_not_object`); revert restores the previous document. */
export function importSchemaHandler(d: DesignerContext): CommandHandler<ImportSchemaContext> {
  return {
    canExecute(ctx) {
      const c = ctx.content as FormSchema | null;
      return c && typeof c === 'object' && !Array.isArray(c) && c.type === 'object' ? undefined : 'designer.import_not_object';
    },
    execute(ctx) {
      ctx.old = { schema: d.state.schema, linkage: d.state.linkage };
      const next = fromFormSchema(ctx.content as FormSchema);
      ctx.warnings = next.warnings;
      d.state.schema = next.schema;
      d.state.linkage = next.linkage;
    },
    revert(ctx) {
      d.state.schema = ctx.old!.schema;
      d.state.linkage = ctx.old!.linkage;
    },
  };
}
