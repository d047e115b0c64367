import type { AppDeps } from '../app/AppDeps';
import type { AuthContext } from '../http/AuthContext';

// The map module's layer interface (runtime/src/map), declared here until the branches merge; the integrator points
// the imports of this folder at the map module's file and deletes this one.

/** One thing drawn on the park's site plan; `coords` are plan x/y (the park's plan units). */
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

/** What a layer is asked for: the caller and the park whose plan is shown. */
export interface MapLayerContext {
  deps: AppDeps;
  auth: AuthContext;
  tenantId: string;
  park: { id: string; orgId: string; orgPath: string };
}

/** A pluggable layer of the park map. */
export interface MapLayerProvider {
  key: string;
  title: { zh: string; en: string };
  legend?: { colour: string; label: { zh: string; en: string } }[];
  fetch(ctx: MapLayerContext): Promise<MapFeature[]>;
}
