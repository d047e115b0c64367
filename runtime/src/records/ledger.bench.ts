import { createPluginRegistries } from '@safeflow/plugin-kit';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import mysql from 'mysql2/promise';
import type { AppDeps } from '../app/AppDeps';
import { loadConfig } from '../config/loadConfig';
import { openDatabase, migrateUp } from '../db/openDatabase';
import type { Database } from '../db/Database';
import type { AuthContext } from '../http/AuthContext';
import { createLogger } from '../logging/createLogger';
import { DefinitionService } from '../definitions/DefinitionService';
import type { CollectionContent } from '../definitions/CollectionContent';
import { LedgerService } from './LedgerService';
import { hazardCollection, hazardLedgerView } from './testing/hazardSamples';
import { slotValues } from './validateRecordData';

const STATES: Array<[string, number]> = [['reported', 0.2], ['rectifying', 0.3], ['pendingAcceptance', 0.1], ['closed', 0.4]];
const TYPES = hazardCollection.fields.hazardType!.enum!;
const SOURCES = hazardCollection.fields.source!.enum!;
const ENTERPRISES = 200;
const DISTRICTS = 4;

/** A deterministic pseudo-random generator (mulberry32), so runs are comparable. */
function rng(seed: number): () => number {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pickState(r: number): string {
  let acc = 0;
  for (const [s, p] of STATES) if (r < (acc += p)) return s;
  return 'closed';
}

async function freshDatabase(databaseUrl: string | undefined): Promise<{ db: Database; dataDir: string; drop(): Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sf-ledger-bench-'));
  if (!databaseUrl) {
    const db = await openDatabase({ dataDir });
    return { db, dataDir, drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
  }
  const u = new URL(databaseUrl.replace(/^mariadb:/, 'mysql:'));
  const name = `sf_bench_${crypto.randomBytes(5).toString('hex')}`;
  const conn = () => mysql.createConnection({ host: u.hostname, port: Number(u.port || 3306), user: decodeURIComponent(u.username), password: decodeURIComponent(u.password) });
  const admin = await conn();
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  u.pathname = `/${name}`;
  const db = await openDatabase({ dataDir, databaseUrl: u.toString() });
  return {
    db,
    dataDir,
    drop: async () => {
      const c = await conn();
      await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await c.end();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function member(orgId: string, orgPath: string, roleKey: string): AuthContext {
  return {
    kind: 'user', userId: `bench-${orgId}`, username: `bench-${orgId}`, platformAdmin: false,
    memberships: [{ orgId, orgPath, tenantId: 'city', roleKey, permissions: ['definition.read', 'definition.write', 'record.read', 'record.write'] }],
  };
}

/**
 * Ledger benchmark: bulk-inserts `rows` hazard records (multi-row INSERTs,
 * 50,000 rows per transaction) into a fresh database — SQLite in a temp
 * dir, or a new database on the MySQL/MariaDB server of `databaseUrl` —
 * across 4 districts × 50 enterprises, then times 50 ledger pages through
 * {@link LedgerService.page} (view and collection resolution, the filtered
 * page `status = ? AND riskLevel IN (...) ORDER BY created_at DESC LIMIT 20`,
 * its exact total and the counts by state) for a city admin, district
 * admins and enterprise users. Returns the p95 page time and the insert time.
 */
export async function benchLedger(opts: { databaseUrl?: string; rows: number }): Promise<{ ledgerP95Ms: number; insertSeconds: number; detail: Record<string, number> }> {
  const { db, dataDir, drop } = await freshDatabase(opts.databaseUrl);
  try {
    // A 256 MiB page cache for the bulk load (SQLite's default is 2 MiB; 17 indexes of 1M rows do not fit in it).
    if (db.dialect === 'sqlite') await db.query('PRAGMA cache_size = -262144');
    await migrateUp(db);
    const deps: AppDeps = {
      config: loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }),
      db,
      logger: createLogger(process.env.BENCH_LOG ?? 'silent'),
      clock: { now: () => new Date() },
      secret: Buffer.alloc(32),
      ...createPluginRegistries(),
    };
    const orgs: Array<{ id: string; path: string }> = [{ id: 'city', path: '/city/' }];
    for (let d = 0; d < DISTRICTS; d++) orgs.push({ id: `d${d}`, path: `/city/d${d}/` });
    for (let e = 0; e < ENTERPRISES; e++) orgs.push({ id: `e${e}`, path: `/city/d${e % DISTRICTS}/e${e}/` });
    await db.transaction(async (tx) => {
      for (const o of orgs) {
        await tx.execute('INSERT INTO org (id, parent_id, type, name, path, tenant_id, archived, created_at, updated_at, revision) VALUES (?, NULL, ?, ?, ?, ?, 0, 0, 0, 1)', [o.id, 'enterprise', o.id, o.path, 'city']);
      }
    });
    const cityAdmin = member('city', '/city/', 'cityBureauAdmin');
    const defs = new DefinitionService(deps);
    await defs.create(cityAdmin, 'collection', { key: 'hazard', name: '隐患', content: hazardCollection });
    const published = await defs.publish(cityAdmin, 'collection', 'hazard', {});
    await defs.create(cityAdmin, 'view', { key: 'hazardLedger', name: '隐患台账', content: hazardLedgerView });
    await defs.publish(cityAdmin, 'view', 'hazardLedger', {});
    const c = published.version.content as CollectionContent;
    const slotCols = c.indexFields.map((ix) => ix.slot!);

    // bulk insert
    const random = rng(42);
    const counts = new Map<string, number>();
    const t0 = performance.now();
    const perStatement = 400;
    const perTx = 50_000;
    const start = Date.parse('2024-11-28T00:00:00Z');
    const span = 2 * 365 * 86400_000;
    const cols = ['id', 'collection_key', 'collection_version_id', 'org_id', 'org_path', 'tenant_id', 'status', 'data', 'form_version_id', 'submission_id', 'created_by', 'created_at', 'updated_at', 'revision', ...slotCols];
    const rowSql = `(${cols.map(() => '?').join(', ')})`;
    for (let done = 0; done < opts.rows; ) {
      const txRows = Math.min(perTx, opts.rows - done);
      await db.transaction(async (tx) => {
        for (let i = 0; i < txRows; i += perStatement) {
          const n = Math.min(perStatement, txRows - i);
          const params: unknown[] = [];
          for (let k = 0; k < n; k++) {
            const seq = done + i + k;
            const e = Math.floor(random() * ENTERPRISES);
            const org = orgs[1 + DISTRICTS + e]!;
            const status = pickState(random());
            const data = {
              title: `隐患 ${seq}`,
              riskLevel: random() < 0.15 ? 'major' : 'general',
              hazardType: TYPES[Math.floor(random() * TYPES.length)],
              source: SOURCES[Math.floor(random() * SOURCES.length)],
              responsiblePerson: `责任人${Math.floor(random() * 500)}`,
              rectifyCost: Math.round(random() * 100_000) / 10,
              deadline: new Date(start + Math.floor(random() * span) + 30 * 86400_000).toISOString().slice(0, 10),
              description: '现场检查发现的问题描述，需按五到位要求整改。',
            };
            const created = start + Math.floor((seq / opts.rows) * span);
            const slots = slotValues(c, data);
            params.push(crypto.randomUUID(), 'hazard', published.version.id, org.id, org.path, 'city', status, JSON.stringify(data), null, null, 'bench', created, created, 1, ...slotCols.map((s) => slots[s] ?? null));
            const key = `${org.id}|${org.path}|${status}`;
            counts.set(key, (counts.get(key) ?? 0) + 1);
          }
          await tx.execute(`INSERT INTO record (${cols.join(', ')}) VALUES ${Array.from({ length: n }, () => rowSql).join(', ')}`, params);
        }
      });
      done += txRows;
    }
    await db.transaction(async (tx) => {
      for (const [key, n] of counts) {
        const [orgId, orgPath, status] = key.split('|');
        await tx.execute('INSERT INTO record_count (org_id, collection_key, status, org_path, tenant_id, n) VALUES (?, ?, ?, ?, ?, ?)', [orgId, 'hazard', status, orgPath, 'city', n]);
      }
    });
    const insertSeconds = (performance.now() - t0) / 1000;
    if (db.dialect === 'sqlite') await db.query('ANALYZE');
    else await db.query('ANALYZE TABLE record');

    // queries
    const ledger = new LedgerService(deps);
    const callers = [cityAdmin, member('d1', '/city/d1/', 'districtBureauAdmin'), member('e7', '/city/d3/e7/', 'safetyOfficer')];
    const variants = [
      { status: 'rectifying', levels: ['major', 'general'] },
      { status: 'rectifying', levels: ['major'] },
      { status: 'reported', levels: ['major'] },
      { status: 'pendingAcceptance', levels: ['general', 'major'] },
      { status: 'closed', levels: ['major'] },
    ];
    const run = (i: number) => {
      const v = variants[i % variants.length]!;
      const caller = callers[i % callers.length]!;
      return ledger.page(caller, 'hazardLedger', {
        filters: [{ field: 'status', op: 'eq', values: [v.status] }, { field: 'riskLevel', op: 'in', values: v.levels }],
        sort: { field: 'createdAt', dir: 'desc' },
        page: 1 + (i % 3),
        pageSize: 20,
      });
    };
    for (let i = 0; i < 5; i++) await run(i);
    const times: number[] = [];
    const byCaller: number[][] = [[], [], []];
    for (let i = 0; i < 50; i++) {
      const q0 = performance.now();
      const page = await run(i);
      const ms = performance.now() - q0;
      if (page.items.length === 0 && i % callers.length === 0) throw new Error('bench query returned nothing');
      times.push(ms);
      byCaller[i % callers.length]!.push(ms);
    }
    const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * 0.95) - 1]!;
    return {
      ledgerP95Ms: +p95(times).toFixed(1),
      insertSeconds: +insertSeconds.toFixed(1),
      detail: { cityP95Ms: +p95(byCaller[0]!).toFixed(1), districtP95Ms: +p95(byCaller[1]!).toFixed(1), enterpriseP95Ms: +p95(byCaller[2]!).toFixed(1) },
    };
  } finally {
    await db.close();
    if (!process.env.BENCH_KEEP) await drop();
    else console.error(`kept: ${opts.databaseUrl ? 'mysql database' : dataDir} (drop it by hand)`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rows = Number(process.argv[2] ?? 1_000_000);
  benchLedger({ rows, databaseUrl: process.env.DATABASE_URL }).then(
    (r) => console.log(JSON.stringify({ rows, dialect: process.env.DATABASE_URL ? 'mysql' : 'sqlite', ...r })),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
