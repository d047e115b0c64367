/**
 * One undoable change, in the style of diagram-js's command handlers:
 * `execute` applies the change described by `ctx` and records in `ctx`
 * whatever `revert` needs; `revert` restores the state exactly. `canExecute`
 * (optional) refuses a change up front with a reason (a stable code).
 */
export interface CommandHandler<C> {
  canExecute?(ctx: C): string | undefined;
  execute(ctx: C): void;
  revert(ctx: C): void;
}

/** Thrown by {@link CommandStack.execute} when a handler's `canExecute` refuses. */
export class CommandRefused extends Error {
  constructor(
    readonly command: string,
    readonly code: string,
  ) {
    super(`${command}: ${code}`);
  }
}

interface Entry {
  command: string;
  ctx: unknown;
}

/**
 * The designer's command stack: named handlers, an undo and a redo stack,
 * and a `changed` notification after every execute, undo, redo and clear.
 * Executing a command clears the redo stack. A handler that throws leaves the
 * stacks untouched (it must not have changed the state before throwing).
 */
export class CommandStack {
  private readonly handlers = new Map<string, CommandHandler<unknown>>();
  private readonly undoStack: Entry[] = [];
  private readonly redoStack: Entry[] = [];
  private readonly listeners = new Set<(e: { command?: string; trigger: 'execute' | 'undo' | 'redo' | 'clear' }) => void>();

  /** Registers the handler of `command`; throws when the name is taken. */
  register<C>(command: string, handler: CommandHandler<C>): void {
    if (this.handlers.has(command)) throw new Error(`command '${command}' is already registered`);
    this.handlers.set(command, handler as CommandHandler<unknown>);
  }

  /** Whether `command` would be accepted with `ctx` (no handler → false). */
  canExecute(command: string, ctx: unknown): boolean {
    const h = this.handlers.get(command);
    return !!h && !h.canExecute?.(ctx);
  }

  /** Runs `command` with `ctx` and puts it on the undo stack; returns the (filled-in) context. */
  execute<C>(command: string, ctx: C): C {
    const h = this.handlers.get(command);
    if (!h) throw new Error(`no handler for command '${command}'`);
    const refused = h.canExecute?.(ctx);
    if (refused) throw new CommandRefused(command, refused);
    h.execute(ctx);
    this.undoStack.push({ command, ctx });
    this.redoStack.length = 0;
    this.emit(command, 'execute');
    return ctx;
  }

  canUndo(): boolean {
    return this.undoStack.length > 0;
  }

  canRedo(): boolean {
    return this.redoStack.length > 0;
  }

  /** Reverts the last command; a no-op when there is none. */
  undo(): void {
    const e = this.undoStack.pop();
    if (!e) return;
    this.handlers.get(e.command)!.revert(e.ctx);
    this.redoStack.push(e);
    this.emit(e.command, 'undo');
  }

  /** Re-applies the last undone command; a no-op when there is none. */
  redo(): void {
    const e = this.redoStack.pop();
    if (!e) return;
    this.handlers.get(e.command)!.execute(e.ctx);
    this.undoStack.push(e);
    this.emit(e.command, 'redo');
  }

  /** Forgets the history (after loading a document). */
  clear(): void {
    this.undoStack.length = 0;
    this.redoStack.length = 0;
    this.emit(undefined, 'clear');
  }

  /** Number of commands that can be undone (the "dirty" marker compares it). */
  get depth(): number {
    return this.undoStack.length;
  }

  /** Subscribes to changes; returns the unsubscribe function. */
  onChanged(listener: (e: { command?: string; trigger: 'execute' | 'undo' | 'redo' | 'clear' }) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(command: string | undefined, trigger: 'execute' | 'undo' | 'redo' | 'clear'): void {
    for (const l of this.listeners) l({ command, trigger });
  }
}
