import { linkageRulesSchema, type LinkageRule } from '@safeflow/engine/forms';
import type { CommandHandler } from '../CommandStack';
import type { DesignerContext } from '../DesignerContext';
import { clone } from '../schemaNodes';

/** `linkage.update`: replaces the form's linkage rules (the logic tab commits whole rule lists). */
export interface UpdateLinkageContext {
  rules: LinkageRule[];
  old?: LinkageRule[];
}

/** Replaces the linkage rules; refuses rules the engine's schema rejects (`designer.invalid_linkage`). */
export function updateLinkageHandler(d: DesignerContext): CommandHandler<UpdateLinkageContext> {
  return {
    canExecute(ctx) {
      return linkageRulesSchema.safeParse(ctx.rules).success ? undefined : 'designer.invalid_linkage';
    },
    execute(ctx) {
      ctx.old = clone(d.state.linkage);
      d.state.linkage = clone(ctx.rules);
    },
    revert(ctx) {
      d.state.linkage = clone(ctx.old!);
    },
  };
}
