/**
 * `npm run bench -- <suite> [...]`: runs benchmarks and prints one JSON object
 * per suite as the last line. Suites: engine, forms (more as they land).
 */
import { benchEngineRaw } from './engineRaw.bench';
import { benchEngineRest } from './engineRest.bench';

/** MariaDB for the engine benchmark: BENCH_MARIADB_URL, else DATABASE_URL if it is a mysql:// URL. */
function mariadbUrl(): string | undefined {
  const url = process.env.BENCH_MARIADB_URL ?? process.env.DATABASE_URL;
  return url && /^(mysql|mariadb):\/\//.test(url) ? url : undefined;
}

type Suite = () => Promise<Record<string, unknown>>;

/** Runs `fn` against a fresh database created on the MySQL/MariaDB server of `baseUrl`, dropped afterwards. */
async function withFreshDatabase<T>(baseUrl: string, fn: (url: string) => Promise<T>): Promise<T> {
  const previous = process.env.DATABASE_URL;
  process.env.DATABASE_URL = baseUrl;
  const { createTestDatabaseUrl } = await import('../runtime/src/testing/testDatabaseUrl');
  const db = await createTestDatabaseUrl();
  process.env.DATABASE_URL = previous;
  if (!db) throw new Error('not a MySQL URL: ' + baseUrl);
  try {
    return await fn(db.url);
  } finally {
    await db.drop();
  }
}

const suites: Record<string, Suite> = {
  /** Issue #8's figures: bundleGzipKb (entry and per page; the Workspace loads no bpmn-js), form200InteractiveMs (Chromium), inboxP95Ms (1,000 tasks). */
  async web() {
    const { benchWeb } = await import('./web.bench');
    return benchWeb();
  },
  /** Issue #4's figures: validateP99Ms (200-item checklist), ledgerP95Ms (1,000,000 hazards, SQLite and MariaDB), rulesPerSecond (LEC). */
  async forms() {
    const { benchForms } = await import('../engine/src/forms/forms.bench');
    const { benchRules } = await import('../engine/src/rules/rules.bench');
    const { benchExpressions } = await import('../engine/src/expression/expression.bench');
    const { benchLedger } = await import('../runtime/src/records/ledger.bench');
    const rows = Number(process.env.BENCH_LEDGER_ROWS ?? 1_000_000);
    const forms = await benchForms();
    const rules = await benchRules();
    const expressions = await benchExpressions();
    const sqlite = await benchLedger({ rows });
    const mysqlUrl = mariadbUrl();
    const mariadb = mysqlUrl ? await withFreshDatabase(mysqlUrl, (url) => benchLedger({ databaseUrl: url, rows })) : undefined;
    return {
      validateP99Ms: forms.validateP99Ms,
      ledgerP95Ms: { sqlite: sqlite.ledgerP95Ms, mariadb: mariadb?.ledgerP95Ms ?? null },
      rulesPerSecond: rules.rulesPerSecond,
      detail: { forms, expressions, ledgerRows: rows, sqlite, mariadb: mariadb ?? 'skipped: set BENCH_MARIADB_URL or DATABASE_URL=mysql://...' },
    };
  },
  /** Issue #9's start-up figures: fresh start with the safety pack vs without, restart (pack up to date), no-op check; SQLite and MariaDB. */
  async packs() {
    const { benchPacks } = await import('../runtime/src/packs/packs.bench');
    const sqlite = await benchPacks();
    const mysqlUrl = mariadbUrl();
    const mariadb = mysqlUrl ? await benchPacks({ databaseUrl: mysqlUrl }) : 'skipped: set BENCH_MARIADB_URL or DATABASE_URL=mysql://...';
    return { sqlite, mariadb };
  },
  /** Issue #11 item 4: the dispatch map layer (200 open events among 20,000 closed, 3 orders each) as the park inspector sees it; SQLite and MariaDB. */
  async dispatch() {
    const { benchDispatchLayer } = await import('../runtime/src/dispatch/dispatchLayer.bench');
    const sqlite = await benchDispatchLayer();
    const mysqlUrl = mariadbUrl();
    const mariadb = mysqlUrl ? await withFreshDatabase(mysqlUrl, (url) => benchDispatchLayer({ databaseUrl: url })) : 'skipped: set BENCH_MARIADB_URL or DATABASE_URL=mysql://...';
    return { sqlite, mariadb };
  },
  /** Issue #11's dashboard figures: bureau dashboard compute p50/p95 over 10,000 extra hazards (BENCH_DASHBOARD_HAZARDS), SQLite and MariaDB. */
  async dashboards() {
    const { benchDashboards } = await import('../runtime/src/dashboards/dashboards.bench');
    const hazards = Number(process.env.BENCH_DASHBOARD_HAZARDS ?? 10_000);
    const sqlite = await benchDashboards({ hazards });
    const mysqlUrl = mariadbUrl();
    const mariadb = mysqlUrl ? await benchDashboards({ databaseUrl: mysqlUrl, hazards }) : 'skipped: set BENCH_MARIADB_URL or DATABASE_URL=mysql://...';
    return { dashboards: { sqlite, mariadb } };
  },
  /** Issue #11's park map: layers of the demo park (full and the 3 s poll), p50/p95 ms and bytes; SQLite and MariaDB. */
  async map() {
    const { benchMap } = await import('../runtime/src/map/map.bench');
    const sqlite = await benchMap();
    const mysqlUrl = mariadbUrl();
    const mariadb = mysqlUrl ? await withFreshDatabase(mysqlUrl, (url) => benchMap({ databaseUrl: url })) : 'skipped: set BENCH_MARIADB_URL or DATABASE_URL=mysql://...';
    return { map: { sqlite, mariadb } };
  },
  /** Issue #10's figures: fps640, fps320, overheadRatio (≤ 1.3), maxEventLoopLagMs (< 50) on a yolov8n-sized model. */
  async ai() {
    const { benchAi } = await import('./ai.bench');
    return benchAi();
  },
  /** Issue #11's export figures: dossier PDF time and size, ledger xlsx of 10,000 rows; SQLite and MariaDB. */
  async exports() {
    const { benchExports } = await import('../runtime/src/exports/exports.bench');
    const sqlite = await benchExports();
    const mysqlUrl = mariadbUrl();
    const mariadb = mysqlUrl ? await benchExports({ databaseUrl: mysqlUrl }) : 'skipped: set BENCH_MARIADB_URL or DATABASE_URL=mysql://...';
    return { exports: { sqlite, mariadb } };
  },
  /** Issue #11's notification figures: first tick (notifications/s) and idle tick cost over open tasks; SQLite and MariaDB. */
  async notifications() {
    const { benchNotifications } = await import('../runtime/src/notifications/notifications.bench');
    const sqlite = await benchNotifications();
    const mysqlUrl = mariadbUrl();
    // the test server makes (and drops) a fresh database of its own on that server
    const mariadb = mysqlUrl ? await benchNotifications({ databaseUrl: mysqlUrl }) : 'skipped: set BENCH_MARIADB_URL or DATABASE_URL=mysql://...';
    return { notifications: { sqlite, mariadb } };
  },
  async engineRaw() {
    return benchEngineRaw({ seconds: 5, concurrency: 20 });
  },
  /** Issue #3's figures: rawPerSecond, sqlitePerSecond, mariadbPerSecond, ratio, wakeP99Ms. */
  async engine() {
    const { rawPerSecond } = await benchEngineRaw({ seconds: 5, concurrency: 20 });
    const { benchExecutor } = await import('../engine/src/bpmn/executor/executor.bench');
    const executor = await benchExecutor();
    const sqlite = await benchEngineRest({ seconds: 10, concurrency: 16 });
    const mysqlUrl = mariadbUrl();
    const mariadb = mysqlUrl ? await withFreshDatabase(mysqlUrl, (url) => benchEngineRest({ databaseUrl: url, seconds: 10, concurrency: 16 })) : undefined;
    return {
      rawPerSecond,
      sqlitePerSecond: sqlite.perSecond,
      mariadbPerSecond: mariadb?.perSecond ?? null,
      ratio: Math.round((sqlite.perSecond / rawPerSecond) * 100) / 100,
      wakeP99Ms: sqlite.wakeP99Ms,
      wakeP50Ms: sqlite.wakeP50Ms,
      mariadbWakeP99Ms: mariadb?.wakeP99Ms ?? null,
      detail: { executor, sqlite, mariadb: mariadb ?? 'skipped: set BENCH_MARIADB_URL or DATABASE_URL=mysql://...' },
    };
  },
};

async function main(): Promise<void> {
  const names = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const selected = names.length ? names : Object.keys(suites);
  const result: Record<string, unknown> = { machine: { cpus: (await import('node:os')).cpus().length, node: process.version } };
  for (const name of selected) {
    const suite = suites[name];
    if (!suite) {
      process.stderr.write(`unknown suite '${name}'; known: ${Object.keys(suites).join(', ')}\n`);
      process.exit(2);
    }
    process.stderr.write(`running ${name} ...\n`);
    Object.assign(result, await suite());
  }
  process.stdout.write(JSON.stringify(result) + '\n');
  process.exit(0);
}

await main();
