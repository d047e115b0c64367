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
}

/**
 * The layers of `park` as the caller sees them, and their version: a hash
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
    providers.map(async (p) => ({ key: p.key, title: p.title, legend: p.legend ?? [], features: await p.fetch(ctx) })),
  );
  const version = crypto.createHash('sha256').update(JSON.stringify([park, layers])).digest('hex').slice(0, 32);
  return { version, layers };
}
