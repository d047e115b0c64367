import crypto from 'node:crypto';
import type { AppDeps } from '../app/AppDeps';
import type { AuthContext } from '../http/AuthContext';
import type { MapFeature, MapLayerProvider, MapText } from './MapLayerProvider';
import type { MapPark } from './mapParks';

/** One layer as the API returns it. */
export interface MapLayer {
  key: string;
  title: MapText;
  legend: { colour: string; label: MapText }[];
  features: MapFeature[];
  /** Set when the layer's provider failed (its features are then empty; the other layers are still shown). */
  error?: string;
}

/**
 * The layers of `park` as the caller sees them (a failing provider gives an
 * empty layer with `error`), and their version: a hash
 * of everything returned, so it changes with any change in the database the
 * providers read, on whichever node it was made.
 */
export async function mapLayers(
  deps: AppDeps,
  auth: AuthContext,
  park: MapPark,
  providers: readonly MapLayerProvider[],
): Promise<{ version: string; layers: MapLayer[] }> {
  const ctx = { deps, auth, tenantId: park.tenantId, park: { id: park.id, orgId: park.orgId, orgPath: park.orgPath } };
  const layers = await Promise.all(
    providers.map(async (p): Promise<MapLayer> => {
      const layer = { key: p.key, title: p.title, legend: p.legend ?? [] };
      try {
        return { ...layer, features: await p.fetch(ctx) };
      } catch (err) {
        // one broken provider (another feature's) must not take the whole map down
        deps.logger.error({ err, layer: p.key, park: park.id }, 'map layer failed');
        return { ...layer, features: [], error: 'map.layer_failed' };
      }
    }),
  );
  const version = crypto.createHash('sha256').update(JSON.stringify([park, layers])).digest('hex').slice(0, 32);
  return { version, layers };
}
