import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultCameraFileDirs } from '../cameras/assertCameraFile';
import { loadConfig, type Config } from '../config/loadConfig';
import { createRuntime, type Runtime } from '../app/createRuntime';
import type { Clock } from '../app/AppDeps';
import type { ModuleFactory } from '../app/RuntimeModule';
import { createLogger } from '../logging/createLogger';
import { createTestDatabaseUrl } from './testDatabaseUrl';

/** The result of one HTTP call made by a test. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read response bodies loosely by default
export interface TestResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

/** A real SafeFlow server on a random loopback port, with its own database. */
export interface TestServer {
  url: string;
  runtime: Runtime;
  config: Config;
  /** Calls the server: JSON in, JSON (or text) out. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see TestResponse
  request<T = any>(
    method: string,
    urlPath: string,
    opts?: { token?: string; body?: unknown; headers?: Record<string, string>; rawBody?: RequestInit['body'] },
  ): Promise<TestResponse<T>>;
  close(): Promise<void>;
}

/**
 * Starts a server for a test: a fresh temp DATA_DIR, a fresh database (SQLite
 * file, or a new database on the MySQL/MariaDB server named by `DATABASE_URL`),
 * migrations applied, demo seed off unless asked for. `reuse` restarts on the
 * same data dir and database (for restart tests).
 */
export async function startTestServer(
  opts: {
    clock?: Clock;
    modules?: ModuleFactory[];
    seedDemo?: boolean;
    config?: Partial<Config>;
    reuse?: { dataDir: string; databaseUrl?: string };
    listen?: boolean;
  } = {},
): Promise<TestServer & { dataDir: string; databaseUrl?: string; dropDatabase(): Promise<void> }> {
  const dataDir = opts.reuse?.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'sf-test-'));
  const created = opts.reuse ? undefined : await createTestDatabaseUrl();
  const databaseUrl = opts.reuse ? opts.reuse.databaseUrl : created?.url;
  const config = loadConfig(
    { PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' },
    // file cameras of tests read clips the tests make under the temp folder
    { databaseUrl, seedDemo: opts.seedDemo ?? false, cameraFileDirs: [...defaultCameraFileDirs(dataDir), os.tmpdir()], ...opts.config },
  );
  const runtime = await createRuntime(config, {
    clock: opts.clock,
    modules: opts.modules,
    logger: createLogger(config.logLevel),
  });
  const url = opts.listen === false ? '' : await runtime.listen();
  let closed = false;
  return {
    url,
    runtime,
    config,
    dataDir,
    databaseUrl,
    async request(method, urlPath, o = {}) {
      const headers: Record<string, string> = { ...(o.headers ?? {}) };
      if (o.token) headers.authorization = `Bearer ${o.token}`;
      let body: RequestInit['body'] | undefined = o.rawBody;
      if (o.body !== undefined) {
        headers['content-type'] ??= 'application/json';
        body = JSON.stringify(o.body);
      }
      const res = await fetch(url + urlPath, { method, headers, body });
      const text = await res.text();
      let parsed: unknown = text;
      if ((res.headers.get('content-type') ?? '').includes('json') && text) parsed = JSON.parse(text);
      return { status: res.status, headers: res.headers, body: parsed as never, text };
    },
    async close() {
      if (closed) return;
      closed = true;
      await runtime.close(2000);
    },
    async dropDatabase() {
      await created?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
