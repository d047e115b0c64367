import type { LinkageRule } from '@safeflow/engine/forms';
import type { CommandHandler } from '../CommandStack';
import type { DesignerContext } from '../DesignerContext';
import { childNames, dataPath, mustNodeAt, nodeAt, parentPath, type NodePath } from '../schemaNodes';
import { insertFieldHandler, type InsertFieldContext } from './InsertFieldHandler';
import { updateFieldHandler, type UpdateFieldContext } from './UpdateFieldHandler';
import { updateLinkageHandler, type UpdateLinkageContext } from './UpdateLinkageHandler';

/** What an answer can demand, as inspection apps offer it. */
export type AnswerActionKind = 'requireNote' | 'requirePhoto' | 'raiseHazard';

/** `answer.action`: "when this field's answer is X, require a note / a photo / raise a hazard". */
export interface AddAnswerActionContext {
  field: NodePath;
  answer: string | number | boolean;
  action: AnswerActionKind;
  /** Filled in: the companion field's path (absent for ScoredItem, which has these as props). */
  companion?: NodePath;
  steps?: Array<{ kind: 'insert' | 'update' | 'linkage'; ctx: unknown }>;
}

const COMPANION: Record<AnswerActionKind, { component: string; title: (t: string) => string; extra: Record<string, unknown> }> = {
  requireNote: { component: 'Input.TextArea', title: (t) => `${t} - 情况说明`, extra: {} },
  requirePhoto: { component: 'Photo', title: (t) => `${t} - 现场照片`, extra: {} },
  raiseHazard: { component: 'Input.TextArea', title: (t) => `${t} - 隐患描述`, extra: {} },
};

/**
 * Adds a per-answer action. On a ScoredItem the item's own `onFail` props
 * are switched on (the engine's ScoredItem validator and scoreChecklist
 * enforce them for the answer `fail`). On any other field a companion field
 * is inserted right after it, hidden (`x-display: none`), and a linkage rule
 * shows and requires it when the field equals `answer`. A hazard companion
 * carries `x-hazard: { from, answer }` so whatever raises hazards from
 * submissions can find it. Revert undoes every step in reverse.
 */
export function addAnswerActionHandler(d: DesignerContext): CommandHandler<AddAnswerActionContext> {
  const insert = insertFieldHandler(d);
  const update = updateFieldHandler(d);
  const linkage = updateLinkageHandler(d);
  return {
    canExecute(ctx) {
      const node = nodeAt(d.state.schema, ctx.field);
      if (!node || node.type === 'void') return 'designer.not_a_field';
      const path = dataPath(d.state.schema, ctx.field);
      if (path.includes('*')) return 'designer.row_field';
      return undefined;
    },
    execute(ctx) {
      const steps: NonNullable<AddAnswerActionContext['steps']> = [];
      const node = mustNodeAt(d.state.schema, ctx.field);
      const run = <C>(kind: 'insert' | 'update' | 'linkage', h: CommandHandler<C>, c: C) => {
        h.execute(c);
        steps.push({ kind, ctx: c });
        return c;
      };
      if (node['x-component'] === 'ScoredItem') {
        const props = { ...((node['x-component-props'] as Record<string, unknown>) ?? {}) };
        props.onFail = { ...((props.onFail as Record<string, unknown>) ?? {}), [ctx.action]: true };
        run('update', update, { path: ctx.field, set: { 'x-component-props': props } });
        ctx.steps = steps;
        return;
      }
      const spec = COMPANION[ctx.action];
      const parent = parentPath(ctx.field);
      const title = typeof node.title === 'string' ? node.title : ctx.field[ctx.field.length - 1]!;
      const index = childNames(mustNodeAt(d.state.schema, parent)).indexOf(ctx.field[ctx.field.length - 1]!) + 1;
      const prior = ctx.steps?.find((s) => s.kind === 'insert')?.ctx as InsertFieldContext | undefined;
      const ins = run('insert', insert, { parent, index, component: d.components.get(spec.component)!, name: prior?.name });
      ctx.companion = [...parent, ins.name!];
      const from = dataPath(d.state.schema, ctx.field);
      const set: Record<string, unknown> = { title: spec.title(title), 'x-display': 'none' };
      if (ctx.action === 'raiseHazard') set['x-hazard'] = { from, answer: ctx.answer };
      run<UpdateFieldContext>('update', update, { path: ctx.companion, set });
      const rule: LinkageRule = {
        id: `answer.${ctx.action}.${from}`.slice(0, 64),
        when: { all: [{ field: from, op: 'eq', value: ctx.answer }] },
        then: [{ target: dataPath(d.state.schema, ctx.companion), set: { display: 'visible', required: true } }],
      };
      run<UpdateLinkageContext>('linkage', linkage, { rules: [...d.state.linkage, rule] });
      ctx.steps = steps;
    },
    revert(ctx) {
      for (const step of [...(ctx.steps ?? [])].reverse()) {
        const h = step.kind === 'insert' ? insert : step.kind === 'update' ? update : linkage;
        (h as CommandHandler<unknown>).revert(step.ctx);
      }
    },
  };
}
