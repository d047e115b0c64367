import type { MapLayerContext } from './MapLayerProvider';
import { scopedWhere } from './scopedWhere';

/** A record as the map layers read it. */
export interface MapRecord {
  id: string;
  collection: string;
  orgId: string;
  orgPath: string;
  status: string;
  revision: number;
  data: Record<string, unknown>;
}

/** The records of `collection` in the park the caller may see, optionally without some states. */
export async function loadRecords(ctx: MapLayerContext, collection: string, opts: { exceptStatus?: string[] } = {}): Promise<MapRecord[]> {
  const w = scopedWhere(ctx, 'r');
  const except = opts.exceptStatus ?? [];
  const rows = await ctx.deps.db.query<{ id: string; org_id: string; org_path: string; status: string; revision: number; data: string | Record<string, unknown> }>(
    `SELECT r.id, r.org_id, r.org_path, r.status, r.revision, r.data FROM record r
      WHERE r.collection_key = ? AND ${w.sql}${except.length ? ` AND r.status NOT IN (${except.map(() => '?').join(', ')})` : ''}
      ORDER BY r.org_path, r.created_at, r.id`,
    [collection, ...w.params, ...except],
  );
  return rows.map((r) => ({
    id: r.id,
    collection,
    orgId: r.org_id,
    orgPath: r.org_path,
    status: r.status,
    revision: Number(r.revision),
    data: typeof r.data === 'string' ? (JSON.parse(r.data) as Record<string, unknown>) : r.data,
  }));
}

/** `[x, y]` when `v` is a pair of finite numbers. */
export function pointOf(x: unknown, y: unknown): [number, number] | undefined {
  return typeof x === 'number' && typeof y === 'number' && Number.isFinite(x) && Number.isFinite(y) ? [x, y] : undefined;
}

/** The vertices of a `[[x, y], ...]` polygon value with at least three points, else undefined. */
export function polygonOf(v: unknown): [number, number][] | undefined {
  if (!Array.isArray(v) || v.length < 3) return undefined;
  const out: [number, number][] = [];
  for (const p of v) {
    const pt = Array.isArray(p) && p.length === 2 ? pointOf(p[0], p[1]) : undefined;
    if (!pt) return undefined;
    out.push(pt);
  }
  return out;
}

/** The SPA route of a record page. */
export const recordHref = (r: Pick<MapRecord, 'collection' | 'id'>): string => `/records/${r.collection}/${r.id}`;

/** A string field of the record's data, or undefined. */
export const text = (r: MapRecord, k: string): string | undefined => (typeof r.data[k] === 'string' ? (r.data[k] as string) : undefined);
