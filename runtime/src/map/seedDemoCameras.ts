import crypto from 'node:crypto';
import type { AppDeps } from '../app/AppDeps';
import { SYSTEM_ACTOR, unitOfWork } from '../db/unitOfWork';
import { resolveOrgRefs } from '../packs/applySeed';
import { DEMO_ORGS } from '../seed/demoData';

/** The demo park's cameras: org ref, name, site-plan location, zone. RTSP addresses are in TEST-NET-1 (never reachable). */
const DEMO_CAMERAS: { org: string; name: string; x: number; y: number; zone: { name: string; risk: 'red' | 'orange' | 'yellow' | 'blue' } | null }[] = [
  { org: 'park', name: '园区北大门', x: 760, y: 250, zone: null },
  { org: 'park', name: '中心广场', x: 1070, y: 230, zone: null },
  { org: 'enterpriseA', name: 'A区冲压车间', x: 160, y: 165, zone: { name: '冲压车间', risk: 'orange' } },
  { org: 'enterpriseB', name: 'B区储罐区', x: 200, y: 395, zone: { name: '甲类溶剂储罐区', risk: 'red' } },
  { org: 'enterpriseD', name: 'D区液氨机房', x: 760, y: 425, zone: { name: '液氨制冷机房', risk: 'red' } },
  { org: 'enterpriseE', name: 'E区叉车作业区', x: 800, y: 690, zone: { name: '叉车作业区', risk: 'yellow' } },
];

/**
 * Registers the demo park's cameras once (SEED_DEMO): only when the demo
 * park exists and has no camera yet. One unit of work with a
 * `camera.create` audit entry per camera, by the system.
 */
export async function seedDemoCameras(deps: AppDeps): Promise<number> {
  const root = DEMO_ORGS.find((o) => !o.parent);
  const [tenant] = root ? await deps.db.query<{ id: string }>('SELECT id FROM org WHERE parent_id IS NULL AND type = ? AND name = ?', [root.type, root.name]) : [];
  if (!tenant) return 0;
  const refs = await resolveOrgRefs(deps.db, tenant.id);
  const park = refs.get('park');
  if (!park) return 0;
  const [n] = await deps.db.query<{ n: number | string }>(`SELECT COUNT(*) AS n FROM camera WHERE tenant_id = ? AND org_path LIKE ?`, [tenant.id, park.path + '%']);
  if (Number(n?.n ?? 0) > 0) return 0;
  return unitOfWork(deps, SYSTEM_ACTOR, async (uow) => {
    let made = 0;
    for (const [i, c] of DEMO_CAMERAS.entries()) {
      const org = refs.get(c.org);
      if (!org) continue;
      const id = crypto.randomUUID();
      const url = `rtsp://192.0.2.${10 + i}/stream1`;
      const at = uow.now.getTime();
      await uow.tx.execute(
        `INSERT INTO camera (id, tenant_id, org_id, org_path, name, source_kind, source_url, location_x, location_y, zone_name, zone_risk, diagnostics, enabled, created_at, updated_at, revision)
         VALUES (?, ?, ?, ?, ?, 'rtsp', ?, ?, ?, ?, ?, ?, 1, ?, ?, 1)`,
        [id, tenant.id, org.id, org.path, c.name, url, c.x, c.y, c.zone?.name ?? null, c.zone?.risk ?? null, JSON.stringify({ thresholds: {}, baseline: null }), at, at],
      );
      await uow.audit({ orgId: org.id, orgPath: org.path, action: 'camera.create', targetType: 'camera', targetId: id, change: { name: c.name, location: { x: c.x, y: c.y }, zone: c.zone, demo: true } });
      made++;
    }
    return made;
  });
}
