import { loadAuthContext } from '../auth/loadAuthContext';
import type { CollectionContent } from '../definitions/CollectionContent';
import { DefinitionStore } from '../definitions/DefinitionStore';
import { slotValues } from '../records/validateRecordData';
import { demoTenantId } from '../packs/installBundledPacks';
import { startTestServer } from '../testing/startTestServer';
import { EVENT_COLLECTION, ORDER_COLLECTION } from './dispatchConstants';
import { dispatchMapLayer } from './dispatchMapLayer';

const ORDER_STATES = ['dispatched', 'accepted', 'en_route', 'on_site', 'done', 'refused'];

/**
 * The dispatch map layer of the demo park as its inspector sees it, with
 * `open` events being handled (3 orders each) among `closed` events (3 orders
 * each) spread over the park's enterprises: p50/p95 of `fetch` over `runs`
 * calls after a warm-up. SQLite, or the MySQL/MariaDB of `databaseUrl`.
 */
export async function benchDispatchLayer(opts: { databaseUrl?: string; open?: number; closed?: number; runs?: number } = {}) {
  const open = opts.open ?? 200;
  const closed = opts.closed ?? 20_000;
  const runs = opts.runs ?? 50;
  const prev = process.env.DATABASE_URL;
  if (opts.databaseUrl) process.env.DATABASE_URL = opts.databaseUrl;
  else delete process.env.DATABASE_URL;
  const server = await startTestServer({ seedDemo: true, listen: false });
  try {
    const deps = server.runtime.deps;
    const db = deps.db;
    const tenantId = (await demoTenantId(deps))!;
    const orgs = await db.query<{ id: string; path: string; type: string }>('SELECT id, path, type FROM org WHERE tenant_id = ?', [tenantId]);
    const park = orgs.find((o) => o.type === 'park')!;
    const enterprises = orgs.filter((o) => o.type === 'enterprise' && o.path.startsWith(park.path));
    const ev = await DefinitionStore.resolvePublished(db, 'collection', EVENT_COLLECTION, park.path);
    const od = await DefinitionStore.resolvePublished(db, 'collection', ORDER_COLLECTION, park.path);
    const slotCols = ['ix_s1', 'ix_s2', 'ix_s3', 'ix_s4', 'ix_s5', 'ix_s6', 'ix_n1', 'ix_n2', 'ix_n3', 'ix_n4', 'ix_t1', 'ix_t2', 'ix_t3'];
    const cols = ['id', 'collection_key', 'collection_version_id', 'org_id', 'org_path', 'tenant_id', 'status', 'data', 'form_version_id', 'submission_id', 'created_by', 'created_at', 'updated_at', 'revision', ...slotCols];
    const rowSql = `(${cols.map(() => '?').join(', ')})`;
    const t0 = performance.now();
    const total = open + closed;
    const perStatement = 100; // events per INSERT pair (4 rows each)
    for (let done = 0; done < total; done += perStatement) {
      await db.transaction(async (tx) => {
        const evParams: unknown[] = [];
        const orParams: unknown[] = [];
        const n = Math.min(perStatement, total - done);
        for (let k = 0; k < n; k++) {
          const seq = done + k;
          const isOpen = seq < open;
          const org = enterprises[seq % enterprises.length]!;
          const id = crypto.randomUUID();
          const at = Date.now() - (total - seq) * 60_000;
          const data = { title: `事件 ${seq}`, source: 'manual', eventType: 'fire', grade: ['I', 'II', 'III', 'IV'][seq % 4], locationX: (seq * 37) % 1000, locationY: (seq * 53) % 700 };
          const s = slotValues(ev.version.content as CollectionContent, data);
          evParams.push(id, EVENT_COLLECTION, ev.version.id, org.id, org.path, tenantId, isOpen ? 'handling' : 'closed', JSON.stringify(data), null, null, 'bench', at, at, 1, ...slotCols.map((c) => s[c] ?? null));
          for (let o = 0; o < 3; o++) {
            const od1 = { eventId: id, resourceKind: 'team', resourceName: `队伍 ${o}`, task: '处置', baseX: o * 100, baseY: o * 50 };
            const so = slotValues(od.version.content as CollectionContent, od1);
            orParams.push(crypto.randomUUID(), ORDER_COLLECTION, od.version.id, org.id, org.path, tenantId, isOpen ? ORDER_STATES[(seq + o) % 6] : 'done', JSON.stringify(od1), null, null, 'bench', at, at, 1, ...slotCols.map((c) => so[c] ?? null));
          }
        }
        await tx.execute(`INSERT INTO record (${cols.join(', ')}) VALUES ${Array.from({ length: n }, () => rowSql).join(', ')}`, evParams);
        await tx.execute(`INSERT INTO record (${cols.join(', ')}) VALUES ${Array.from({ length: n * 3 }, () => rowSql).join(', ')}`, orParams);
      });
    }
    const insertSeconds = (performance.now() - t0) / 1000;
    if (db.dialect === 'sqlite') await db.query('ANALYZE');
    else await db.query('ANALYZE TABLE record');
    const [u] = await db.query<{ id: string }>('SELECT id FROM user WHERE username = ?', ['inspector']);
    const auth = (await loadAuthContext(db, u!.id))!;
    const ctx = { deps, auth, tenantId, park: { id: park.id, orgId: park.id, orgPath: park.path } };
    let features = 0;
    for (let i = 0; i < 5; i++) features = (await dispatchMapLayer.fetch(ctx)).length;
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      await dispatchMapLayer.fetch(ctx);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const pct = (p: number) => Math.round(times[Math.min(times.length - 1, Math.floor(p * times.length))]! * 10) / 10;
    return { dialect: db.dialect === 'sqlite' ? 'sqlite' : 'mariadb', openEvents: open, closedEvents: closed, recordsInserted: total * 4, insertSeconds: Math.round(insertSeconds * 10) / 10, features, layerP50Ms: pct(0.5), layerP95Ms: pct(0.95) };
  } finally {
    await server.close();
    await server.dropDatabase();
    if (prev === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = prev;
  }
}
