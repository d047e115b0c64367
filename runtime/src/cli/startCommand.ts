import { loadConfig } from '../config/loadConfig';
import { createRuntime } from '../app/createRuntime';
import { describeDemoLogins } from '../seed/seedDemo';
import type { CliCommand } from './CliCommand';

/** `safeflow start`: serve SafeFlow until SIGTERM/SIGINT. */
export const startCommand: CliCommand = {
  words: ['start'],
  summary: 'Start the SafeFlow server',
  usage: 'safeflow start',
  async run() {
    const t0 = performance.now();
    const config = loadConfig();
    const runtime = await createRuntime(config);
    const url = await runtime.listen();
    const { logger } = runtime.deps;
    const mem = process.memoryUsage();
    logger.info(
      { url, startupMs: Math.round(performance.now() - t0), rssMb: Math.round(mem.rss / 1048576), database: runtime.deps.db.dialect },
      'SafeFlow is listening',
    );
    process.stdout.write(`\nSafeFlow is running at ${url}\n`);
    if (config.seedDemo) process.stdout.write(await describeDemoLogins(runtime.deps));
    let stopping = false;
    await new Promise<void>((resolve) => {
      const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        logger.info({ signal }, 'shutting down');
        runtime.close().then(resolve, (err) => {
          logger.error({ err }, 'shutdown failed');
          resolve();
        });
      };
      process.once('SIGTERM', () => stop('SIGTERM'));
      process.once('SIGINT', () => stop('SIGINT'));
    });
    return 0;
  },
};
