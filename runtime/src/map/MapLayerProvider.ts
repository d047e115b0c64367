import type { AppDeps } from '../app/AppDeps';
import type { AuthContext } from '../http/AuthContext';

/** Words in both languages of the UI. */
export interface MapText {
  zh: string;
  en: string;
}

/**
 * One thing on the park map, in site-plan coordinates (`[x, y]`, x to the
 * right and y downwards from the plan's top-left corner, in the park's plan
 * units): a marker (`point`, one coordinate), an area (`polygon`, its
 * vertices, not closed) or a line (`polyline`).
 */
export interface MapFeature {
  id: string;
  kind: 'point' | 'polygon' | 'polyline';
  coords: [number, number][];
  /** CSS colour. */
  colour?: string;
  label: string;
  status?: string;
  /** SPA route of the feature's record page (`/records/<collection>/<id>`). */
  href?: string;
  /** Key facts shown in the feature's popup (and what search matches). */
  props?: Record<string, unknown>;
}

/** What a layer provider is asked for: the caller and the park. */
export interface MapLayerContext {
  deps: AppDeps;
  auth: AuthContext;
  tenantId: string;
  /** The park: its archive record id, its org and the org's path (features lie in that subtree). */
  park: { id: string; orgId: string; orgPath: string };
}

/**
 * A layer of the park map. `fetch` returns the layer's features the caller
 * may see (tenant + org scope: use {@link scopedWhere}); it reads the
 * database every time (the map's version is the hash of what the providers
 * return, so two nodes on one database agree without a shared bus).
 */
export interface MapLayerProvider {
  key: string;
  title: MapText;
  legend?: { colour: string; label: MapText }[];
  fetch(ctx: MapLayerContext): Promise<MapFeature[]>;
}
