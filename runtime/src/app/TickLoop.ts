import type { Logger } from '../logging/createLogger';

/**
 * A background loop for a node: runs `tick` at once and then every `everyMs`,
 * never two rounds at a time (a round still running when the next is due is
 * skipped), logging a failed round as a warning. `stop` clears the timer and
 * waits for a round in progress. The timer does not keep the process alive.
 */
export class TickLoop {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly tick: () => Promise<unknown>,
    private readonly logger: Pick<Logger, 'warn'>,
    private readonly failureMessage: string,
  ) {}

  start(everyMs: number): void {
    const run = () => {
      if (this.running) return;
      this.running = this.tick()
        .catch((err: unknown) => this.logger.warn({ err }, this.failureMessage))
        .finally(() => (this.running = undefined));
    };
    this.timer = setInterval(run, everyMs);
    this.timer.unref?.();
    setImmediate(run);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
