import type { ApiClient } from '@/api';
import type { PlanGeo } from './planCoords';

/** Words in both UI languages. */
export interface MapText {
  zh: string;
  en: string;
}

/** A park whose map the caller may open. */
export interface MapPark {
  id: string;
  orgId: string;
  name: string;
  riskColor: string | null;
  sitePlan: { url: string; width: number; height: number; geo: PlanGeo | null } | null;
  baseTileUrl: string | null;
  centre: { lat: number; lng: number } | null;
}

/** One feature, in site-plan coordinates (`[x, y]`, y downwards). */
export interface MapFeature {
  id: string;
  kind: 'point' | 'polygon' | 'polyline';
  coords: [number, number][];
  colour?: string;
  label: string;
  status?: string;
  href?: string;
  props?: Record<string, unknown>;
}

/** One layer of the map. */
export interface MapLayer {
  key: string;
  title: MapText;
  legend: { colour: string; label: MapText }[];
  features: MapFeature[];
  /** Set when the server could not read this layer (the others are shown). */
  error?: string;
}

/** `GET /map/parks/:id/layers`. */
export interface MapLayers {
  park: MapPark;
  version: string;
  unchanged: boolean;
  layers: MapLayer[];
}

/** A record as `GET /records/:collection/:id` returns it (the fields the zone editor needs). */
export interface MapRecord {
  id: string;
  data: Record<string, unknown>;
  revision: number;
}

/** A risk point without a zone polygon yet. */
export interface UnzonedRiskPoint {
  id: string;
  name: string;
  code: string | null;
  riskColor: string | null;
  status: string;
}

/** The record collection and id of a feature's record page (`/records/<collection>/<id>`). */
export function recordOf(f: Pick<MapFeature, 'href'>): { collection: string; id: string } | undefined {
  const m = /^\/records\/([^/]+)\/([^/]+)$/.exec(f.href ?? '');
  return m ? { collection: decodeURIComponent(m[1]!), id: decodeURIComponent(m[2]!) } : undefined;
}

/** What the map draws and edits on a record: polygons (`zone` of risk points, `plot` of enterprises). */
export const POLYGON_FIELDS: Record<string, string> = { safety_risk_point: 'zone', safety_enterprise: 'plot' };

/** Collections whose records the map places as points (`planX`, `planY`). */
export const POINT_COLLECTIONS = ['safety_hazard', 'safety_emergency_team', 'safety_emergency_supply'];

/** Calls of the park map page. */
export const mapApi = {
  parks: (api: ApiClient) => api.request<{ items: MapPark[] }>('GET', '/map/parks'),
  layers: (api: ApiClient, parkId: string, since?: string) => api.request<MapLayers>('GET', `/map/parks/${encodeURIComponent(parkId)}/layers`, { query: { since } }),
  unzoned: (api: ApiClient, parkId: string) => api.request<{ items: UnzonedRiskPoint[] }>('GET', `/map/parks/${encodeURIComponent(parkId)}/unzoned-risk-points`),
  record: (api: ApiClient, collection: string, id: string) => api.request<MapRecord>('GET', `/records/${encodeURIComponent(collection)}/${encodeURIComponent(id)}`),
  /** Replaces some fields of a record (a polygon, a plan position), with the revision the edit started from (409 when stale). */
  savePatch: (api: ApiClient, collection: string, id: string, base: MapRecord, patch: Record<string, unknown>) =>
    api.request<MapRecord>('PUT', `/records/${encodeURIComponent(collection)}/${encodeURIComponent(id)}`, { body: { data: { ...base.data, ...patch }, revision: base.revision } }),
};
