import { SafeFlowError } from '@safeflow/engine/errors';
import type { AppDeps } from '../app/AppDeps';
import type { AuthContext } from '../http/AuthContext';
import { DataScope } from '../tenancy/DataScope';

/** A park as the map lists it. */
export interface MapPark {
  id: string;
  orgId: string;
  orgPath: string;
  tenantId: string;
  name: string;
  riskColor: string | null;
  /** The site plan (園区平面图): its file and size in plan units; null when the archive has none. */
  sitePlan: { fileId: string; width: number; height: number; geo: { north: number; south: number; west: number; east: number } | null } | null;
  /** The tenant's own WGS-84 tile URL template (optional base layer). */
  baseTileUrl: string | null;
  centre: { lat: number; lng: number } | null;
}

interface ParkRow {
  id: string;
  org_id: string;
  org_path: string;
  tenant_id: string;
  data: string | Record<string, unknown>;
}

/**
 * Can the caller open the park's map? When the park's org is in their
 * `record.read` scope (park staff, street, bureaus) or one of their scope
 * roots lies inside the park (its enterprises, who then see only their own
 * features).
 */
function canOpen(auth: AuthContext, orgPath: string): boolean {
  const scope = DataScope.of(auth, 'record.read');
  return scope.contains(orgPath) || scope.roots.some((r) => r.startsWith(orgPath));
}

/** The WGS-84 edges of the site plan (all four, north of south, east of west), else null. */
function geoOf(d: Record<string, unknown>): { north: number; south: number; west: number; east: number } | null {
  const [north, south, west, east] = ['sitePlanNorth', 'sitePlanSouth', 'sitePlanWest', 'sitePlanEast'].map((k) => d[k]);
  const lat = (v: unknown): v is number => typeof v === 'number' && v >= -90 && v <= 90;
  const lng = (v: unknown): v is number => typeof v === 'number' && v >= -180 && v <= 180;
  return lat(north) && lat(south) && lng(west) && lng(east) && north > south && east > west ? { north, south, west, east } : null;
}

function parkOf(r: ParkRow): MapPark {
  const d = typeof r.data === 'string' ? (JSON.parse(r.data) as Record<string, unknown>) : r.data;
  const plan = Array.isArray(d.sitePlan) ? (d.sitePlan[0] as { fileId?: unknown } | undefined) : undefined;
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined);
  const width = num(d.sitePlanWidth);
  const height = num(d.sitePlanHeight);
  return {
    id: r.id,
    orgId: r.org_id,
    orgPath: r.org_path,
    tenantId: r.tenant_id,
    name: typeof d.name === 'string' ? d.name : r.id,
    riskColor: typeof d.riskColor === 'string' ? d.riskColor : null,
    sitePlan: typeof plan?.fileId === 'string' && width && height ? { fileId: plan.fileId, width, height, geo: geoOf(d) } : null,
    baseTileUrl: typeof d.baseTileUrl === 'string' && /^https?:\/\/[^\s"'<>]+$/.test(d.baseTileUrl) ? d.baseTileUrl : null,
    centre: typeof d.latitude === 'number' && typeof d.longitude === 'number' ? { lat: d.latitude, lng: d.longitude } : null,
  };
}

/** The parks (park archive records, not archived) whose map the caller may open. */
export async function listMapParks(deps: Pick<AppDeps, 'db'>, auth: AuthContext): Promise<MapPark[]> {
  const tenants = auth.platformAdmin ? null : [...new Set(auth.memberships.map((m) => m.tenantId))];
  if (tenants && tenants.length === 0) return [];
  const rows = await deps.db.query<ParkRow>(
    `SELECT r.id, r.org_id, r.org_path, r.tenant_id, r.data FROM record r
      WHERE r.collection_key = 'safety_park' AND r.status <> 'archived'${tenants ? ` AND r.tenant_id IN (${tenants.map(() => '?').join(', ')})` : ''}
      ORDER BY r.org_path, r.created_at, r.id`,
    tenants ?? [],
  );
  return rows.filter((r) => canOpen(auth, r.org_path)).map(parkOf);
}

/** One park whose map the caller may open, else 404 `map.park_not_found`. */
export async function loadMapPark(deps: Pick<AppDeps, 'db'>, auth: AuthContext, parkId: string): Promise<MapPark> {
  const [row] = await deps.db.query<ParkRow>(`SELECT r.id, r.org_id, r.org_path, r.tenant_id, r.data FROM record r WHERE r.id = ? AND r.collection_key = 'safety_park'`, [parkId]);
  if (!row || !canOpen(auth, row.org_path)) throw new SafeFlowError('map.park_not_found', `park '${parkId}' not found`, { status: 404 });
  return parkOf(row);
}
