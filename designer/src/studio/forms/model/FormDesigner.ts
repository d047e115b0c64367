import type { FormComponentCatalogueEntry, FormSchema, LinkageRule } from '@safeflow/engine/forms';
import { CommandStack } from './CommandStack';
import { nameGenerator, type DesignerContext, type DesignerState } from './DesignerContext';
import { canonical, fieldPaths, fromFormSchema, toFormSchema } from './designerSchema';
import { emptyFormSchema } from './emptyFormSchema';
import { addAnswerActionHandler, type AddAnswerActionContext, type AnswerActionKind } from './commands/AddAnswerActionHandler';
import { importSchemaHandler, type ImportSchemaContext } from './commands/ImportSchemaHandler';
import { insertFieldHandler, type InsertFieldContext } from './commands/InsertFieldHandler';
import { moveFieldHandler, movedPath, type MoveFieldContext } from './commands/MoveFieldHandler';
import { removeFieldHandler, type RemoveFieldContext } from './commands/RemoveFieldHandler';
import { updateFieldHandler } from './commands/UpdateFieldHandler';
import { updateLinkageHandler } from './commands/UpdateLinkageHandler';
import { updateValidationHandler } from './commands/UpdateValidationHandler';
import { lintDesign, type DesignLintIssue } from './lintDesign';
import { nodeAt, type NodePath } from './schemaNodes';
import type { ValidationSettings } from './validationSettings';

export { emptyFormSchema };

/** The designer state for stored content (a draft) and, when one exists, the published version's content. */
export function loadDesignerState(content: FormSchema | undefined, publishedContent?: FormSchema): DesignerState {
  const imported = fromFormSchema(content ?? emptyFormSchema());
  return { schema: imported.schema, linkage: imported.linkage, published: publishedContent ? [...fieldPaths(publishedContent)] : [] };
}

/**
 * The form designer without a UI: a document ({@link DesignerState}, which
 * may be a Vue `reactive` proxy) changed only through the command stack, so
 * every change can be undone and redone. Commands: `field.insert`,
 * `field.move`, `field.remove`, `field.update`, `validation.update`,
 * `linkage.update`, `document.import`, `answer.action`.
 */
export class FormDesigner {
  readonly stack = new CommandStack();
  readonly ctx: DesignerContext;

  constructor(
    readonly state: DesignerState,
    components: FormComponentCatalogueEntry[],
    random?: () => number,
  ) {
    this.ctx = {
      state,
      components: new Map(components.map((c) => [c.name, c])),
      newName: nameGenerator(() => state.schema, random),
    };
    this.stack.register('field.insert', insertFieldHandler(this.ctx));
    this.stack.register('field.move', moveFieldHandler(this.ctx));
    this.stack.register('field.remove', removeFieldHandler(this.ctx));
    this.stack.register('field.update', updateFieldHandler(this.ctx));
    this.stack.register('validation.update', updateValidationHandler(this.ctx));
    this.stack.register('linkage.update', updateLinkageHandler(this.ctx));
    this.stack.register('document.import', importSchemaHandler(this.ctx));
    this.stack.register('answer.action', addAnswerActionHandler(this.ctx));
  }

  /** Adds a per-answer action (require a note / a photo, raise a hazard); returns the companion field's path, if one was added. */
  addAnswerAction(field: NodePath, answer: string | number | boolean, action: AnswerActionKind): NodePath | undefined {
    return this.stack.execute<AddAnswerActionContext>('answer.action', { field, answer, action }).companion;
  }

  /** Inserts a palette component into `parent` (default the root); returns the new node's path. */
  insert(component: string | FormComponentCatalogueEntry, parent: NodePath = [], index?: number): NodePath {
    const entry = typeof component === 'string' ? this.ctx.components.get(component) : component;
    if (!entry) throw new Error(`designer.unknown_component: ${String(component)}`);
    const ctx = this.stack.execute<InsertFieldContext>('field.insert', { parent, component: entry, index });
    return ctx.wrapper ? [...parent, ctx.wrapper, ctx.name!] : [...parent, ctx.name!];
  }

  /** Moves a node to `index` in `newParent`; returns its new path. */
  move(path: NodePath, newParent: NodePath, index: number): NodePath {
    return movedPath(this.stack.execute<MoveFieldContext>('field.move', { path, newParent, index }));
  }

  /** Removes (or, when published, deprecates) a node; returns what happened. */
  remove(path: NodePath): 'delete' | 'deprecate' {
    return this.stack.execute<RemoveFieldContext>('field.remove', { path }).mode!;
  }

  /** Sets schema keys of a node (`undefined` removes a key); a change to what is already there is not a command (no empty undo step). */
  update(path: NodePath, set: Record<string, unknown>): void {
    const node = nodeAt(this.state.schema, path);
    if (node && Object.entries(set).every(([k, v]) => canonical(node[k]) === canonical(v))) return;
    this.stack.execute('field.update', { path, set });
  }

  /** Sets a field's validation rules. */
  setValidation(path: NodePath, rules: ValidationSettings): void {
    this.stack.execute('validation.update', { path, rules });
  }

  /** Replaces the linkage rules. */
  setLinkage(rules: LinkageRule[]): void {
    this.stack.execute('linkage.update', { rules });
  }

  /** Replaces the document with imported JSON; returns reading warnings. */
  importSchema(content: unknown): string[] {
    return this.stack.execute<ImportSchemaContext>('document.import', { content }).warnings ?? [];
  }

  /** The schema to save (compiled linkage + rules as data). */
  exportSchema(): FormSchema {
    return toFormSchema(this.state.schema, this.state.linkage);
  }

  lint(): DesignLintIssue[] {
    return lintDesign(this.state);
  }

  undo(): void {
    this.stack.undo();
  }

  redo(): void {
    this.stack.redo();
  }
}
