/** A `safeflow` sub-command (`safeflow user create ...`). */
export interface CliCommand {
  /** Words that select it, e.g. `['user', 'create']`. */
  words: string[];
  summary: string;
  usage: string;
  /** Runs with the remaining arguments; resolves with the process exit code. */
  run(args: string[]): Promise<number>;
}
