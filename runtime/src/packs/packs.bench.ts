import { moduleFactories } from '../modules';
import { startTestServer } from '../testing/startTestServer';
import { packsModule } from './packs.module';
import { installBundledPacks } from './installBundledPacks';

/**
 * Start-up cost of the bundled packs (`npm run bench -- packs`): a fresh
 * database started with demo data (migrations + demo seed + safety pack
 * install with its demo records), the pack install alone, a restart on the
 * same database (the pack is up to date: no-op), and one no-op check;
 * a fresh start without the packs module for comparison.
 */
export async function benchPacks(opts: { databaseUrl?: string } = {}): Promise<Record<string, number | string>> {
  const prev = process.env.DATABASE_URL;
  if (opts.databaseUrl) process.env.DATABASE_URL = opts.databaseUrl;
  else delete process.env.DATABASE_URL;
  try {
    const tb = performance.now();
    const bare = await startTestServer({ seedDemo: true, listen: false, modules: moduleFactories.filter((m) => m !== packsModule) });
    const freshStartWithoutPacksMs = performance.now() - tb;
    await bare.close();
    await bare.dropDatabase();
    const t0 = performance.now();
    const first = await startTestServer({ seedDemo: true, listen: false });
    const freshStartMs = performance.now() - t0;
    const [{ n }] = await first.runtime.deps.db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM pack_definition WHERE pack_id = 'safety'`);
    const [{ at }] = await first.runtime.deps.db.query<{ at: number }>(`SELECT MAX(at) AS at FROM pack_install`);
    await first.runtime.close(0);
    const t1 = performance.now();
    const again = await startTestServer({ seedDemo: true, listen: false, reuse: { dataDir: first.dataDir, databaseUrl: first.databaseUrl } });
    const restartMs = performance.now() - t1;
    const t2 = performance.now();
    const results = await installBundledPacks(again.runtime.deps);
    const noopCheckMs = performance.now() - t2;
    await again.runtime.close(0);
    await first.dropDatabase();
    return {
      dialect: opts.databaseUrl ? 'mariadb' : 'sqlite',
      definitions: Number(n),
      freshStartMs: Math.round(freshStartMs),
      freshStartWithoutPacksMs: Math.round(freshStartWithoutPacksMs),
      restartMs: Math.round(restartMs),
      noopCheckMs: Math.round(noopCheckMs * 10) / 10,
      noopInstalls: results.length,
      installedAt: Number(at),
    };
  } finally {
    if (prev === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = prev;
  }
}
