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

/** Calls of the park map page. */
export const mapApi = {
  parks: (api: ApiClient) => api.request<{ items: MapPark[] }>('GET', '/map/parks'),
  layers: (api: ApiClient, parkId: string, since?: string) => api.request<MapLayers>('GET', `/map/parks/${encodeURIComponent(parkId)}/layers`, { query: { since } }),
  unzoned: (api: ApiClient, parkId: string) => api.request<{ items: UnzonedRiskPoint[] }>('GET', `/map/parks/${encodeURIComponent(parkId)}/unzoned-risk-points`),
  record: (api: ApiClient, collection: string, id: string) => api.request<MapRecord>('GET', `/records/${encodeURIComponent(collection)}/${encodeURIComponent(id)}`),
  saveZone: (api: ApiClient, id: string, base: MapRecord, zone: [number, number][]) =>
    api.request<MapRecord>('PUT', `/records/safety_risk_point/${encodeURIComponent(id)}`, { body: { data: { ...base.data, zone }, revision: base.revision } }),
};
