import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const cli = path.join(root, 'runtime/src/cli/main.ts');
const tsx = path.join(root, 'node_modules/.bin/tsx');

/** A SafeFlow server running as a child process on its own database, with an admin user. */
export interface SpawnedServer {
  url: string;
  username: string;
  password: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts `safeflow start` in a child process (its own CPU) on a fresh
 * DATA_DIR and the given database (undefined = SQLite), after creating an
 * admin user with `safeflow user create`. Resolves once `/api/v1/health` is 200.
 */
export async function spawnServer(opts: { databaseUrl?: string; env?: Record<string, string> } = {}): Promise<SpawnedServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sf-bench-'));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    SEED_DEMO: 'false',
    LOG_LEVEL: 'warn',
    DATABASE_URL: opts.databaseUrl ?? '',
    ...opts.env,
  };
  const username = 'bench';
  const password = 'Bench@2026-pass';
  const created = spawnSync(tsx, [cli, 'user', 'create', '--username', username, '--password', password, '--admin'], {
    env,
    encoding: 'utf8',
  });
  if (created.status !== 0) throw new Error(`user create failed: ${created.stderr}${created.stdout}`);
  // BENCH_SERVER_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the server: see where the time goes.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = nodeArgs.length
    ? spawn(process.execPath, [...nodeArgs, '--import', 'tsx', cli, 'start'], { env, stdio: ['ignore', 'ignore', 'inherit'] })
    : spawn(tsx, [cli, 'start'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const res = await fetch(url + '/api/v1/health');
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || child.exitCode !== null) throw new Error('server did not start');
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    username,
    password,
    child,
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
