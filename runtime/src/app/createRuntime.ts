import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type Koa from 'koa';
import type { Config } from '../config/loadConfig';
import { openDatabase, migrateUp } from '../db/openDatabase';
import { createLogger, type Logger } from '../logging/createLogger';
import { createPluginRegistries, type PluginDefinition } from '@safeflow/plugin-kit';
import { moduleFactories } from '../modules';
import { installPlugins } from '../plugins/installPlugins';
import { systemClock, type AppDeps, type Clock } from './AppDeps';
import { createApp } from './createApp';
import { loadSecret } from './loadSecret';
import type { ModuleFactory, RuntimeModule } from './RuntimeModule';

/** A started (or startable) SafeFlow node. */
export interface Runtime {
  deps: AppDeps;
  app: Koa;
  modules: RuntimeModule[];
  /** Starts listening and background work; resolves with the base URL. */
  listen(): Promise<string>;
  /**
   * Graceful shutdown: stop accepting connections, stop background work (which
   * answers held long polls), let in-flight requests finish (at most
   * `graceMs`), then close the database.
   */
  close(graceMs?: number): Promise<void>;
}

/**
 * Opens the database, applies migrations, builds the plugin registries
 * (built-in task types, `config.plugins`, `config.externalPlugins`, and
 * `opts.plugins` given as objects), the modules and the app. Does not listen yet.
 */
export async function createRuntime(
  config: Config,
  opts: { clock?: Clock; logger?: Logger; modules?: ModuleFactory[]; plugins?: PluginDefinition[] } = {},
): Promise<Runtime> {
  const logger = opts.logger ?? createLogger(config.logLevel);
  const db = await openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  const applied = await migrateUp(db);
  if (applied.length) logger.info({ applied }, 'migrations applied');
  const deps: AppDeps = { config, db, logger, clock: opts.clock ?? systemClock, secret: loadSecret(config.dataDir), ...createPluginRegistries(config.remoteWorkerTopics) };
  await installPlugins(deps, opts.plugins ?? []).catch(async (err) => {
    await db.close();
    throw err;
  });
  const modules = (opts.modules ?? moduleFactories).map((f) => f(deps));
  for (const m of modules) await m.init?.(deps);
  const { app } = createApp(deps, modules);
  let server: http.Server | undefined;
  const sockets = new Set<import('node:net').Socket>();

  return {
    deps,
    app,
    modules,
    async listen() {
      server = http.createServer(app.callback());
      server.keepAliveTimeout = 5000;
      server.on('connection', (s) => {
        sockets.add(s);
        s.on('close', () => sockets.delete(s));
      });
      await new Promise<void>((resolve, reject) => {
        server!.once('error', reject);
        server!.listen(config.port, config.host, () => resolve());
      });
      const { port } = server.address() as AddressInfo;
      const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
      for (const m of modules) await m.start?.({ url });
      return url;
    },
    async close(graceMs = 10_000) {
      const closed = server
        ? new Promise<void>((resolve) => server!.close(() => resolve()))
        : Promise.resolve();
      server?.closeIdleConnections();
      for (const m of [...modules].reverse()) await m.stop?.();
      const timer = setTimeout(() => {
        for (const s of sockets) s.destroy();
      }, graceMs);
      await closed;
      clearTimeout(timer);
      await db.close();
    },
  };
}
