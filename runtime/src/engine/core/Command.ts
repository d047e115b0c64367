import type { CommandContext } from './CommandContext';

/**
 * A unit of work of the engine (Camunda's `Command<T>`): run by the
 * {@link CommandExecutor} inside one database transaction. Commands read and
 * write only through `ctx.tx`; anything to do after commit (waking long polls,
 * the job executor) goes through `ctx.afterCommit`.
 */
export interface Command<T> {
  /** For logs. */
  readonly name: string;
  execute(ctx: CommandContext): Promise<T>;
}
