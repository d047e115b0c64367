import type { CommandHandler } from '../CommandStack';
import type { DesignerContext } from '../DesignerContext';
import { nodeAt, type NodePath } from '../schemaNodes';
import { validationPatch, validationProblem, type ValidationSettings } from '../validationSettings';
import { updateFieldHandler, type UpdateFieldContext } from './UpdateFieldHandler';

/** `validation.update`: the validation tab's settings for one field. */
export interface UpdateValidationContext {
  path: NodePath;
  rules: ValidationSettings;
  inner?: UpdateFieldContext;
}

/** Writes required, bounds, pattern and named formats; refuses a bad or unsafe pattern and min > max. */
export function updateValidationHandler(d: DesignerContext): CommandHandler<UpdateValidationContext> {
  const update = updateFieldHandler(d);
  return {
    canExecute(ctx) {
      const node = nodeAt(d.state.schema, ctx.path);
      if (!node) return 'designer.node_missing';
      if (node.type === 'void') return 'designer.not_a_field';
      return validationProblem(ctx.rules);
    },
    execute(ctx) {
      ctx.inner = { path: ctx.path, set: validationPatch(ctx.rules) };
      update.execute(ctx.inner);
    },
    revert(ctx) {
      update.revert(ctx.inner!);
    },
  };
}
