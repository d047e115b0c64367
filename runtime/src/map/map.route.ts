import fs from 'node:fs';
import { z } from 'zod';
import { SafeFlowError } from '@safeflow/engine/errors';
import type { AppDeps } from '../app/AppDeps';
import { FileStorage } from '../files/FileStorage';
import { defineRoute, type AnyRoute } from '../http/defineRoute';
import { layerProviders } from './layerProviders';
import { mapLayers } from './mapLayers';
import { listMapParks, loadMapPark, type MapPark } from './mapParks';
import { unzonedRiskPoints } from './unzonedRiskPoints';

const Text = z.object({ zh: z.string(), en: z.string() });

const ParkOut = z.object({
  id: z.string(),
  orgId: z.string(),
  name: z.string(),
  riskColor: z.string().nullable(),
  /** The site plan: its image, size in plan units and (when georeferenced) its WGS-84 edges. */
  sitePlan: z.object({ url: z.string(), width: z.number(), height: z.number(), geo: z.object({ north: z.number(), south: z.number(), west: z.number(), east: z.number() }).nullable() }).nullable(),
  baseTileUrl: z.string().nullable(),
  centre: z.object({ lat: z.number(), lng: z.number() }).nullable(),
});

const FeatureOut = z.object({
  id: z.string(),
  kind: z.enum(['point', 'polygon', 'polyline']),
  coords: z.array(z.tuple([z.number(), z.number()])),
  colour: z.string().optional(),
  label: z.string(),
  status: z.string().optional(),
  href: z.string().optional(),
  props: z.record(z.string(), z.unknown()).optional(),
});

const LayersOut = z.object({
  park: ParkOut,
  version: z.string(),
  /** True when `since` equals the version: `layers` is then empty (nothing changed). */
  unchanged: z.boolean(),
  layers: z.array(z.object({ key: z.string(), title: Text, legend: z.array(z.object({ colour: z.string(), label: Text })), features: z.array(FeatureOut), error: z.string().optional() })),
});

const ParkParams = z.object({ parkId: z.string().max(36) });

const parkOut = (p: MapPark): z.infer<typeof ParkOut> => ({
  id: p.id,
  orgId: p.orgId,
  name: p.name,
  riskColor: p.riskColor,
  sitePlan: p.sitePlan ? { url: `/api/v1/map/parks/${p.id}/site-plan`, width: p.sitePlan.width, height: p.sitePlan.height, geo: p.sitePlan.geo } : null,
  baseTileUrl: p.baseTileUrl,
  centre: p.centre,
});

/** `/api/v1/map`: the park map (园区一张图) — parks, their layers in site-plan coordinates, the site plan image (entitlement `parkMap`). */
export function mapRoutes(deps: AppDeps): AnyRoute[] {
  const tags = ['map'];
  const storage = new FileStorage(deps.config.dataDir);
  return [
    defineRoute({
      method: 'get', path: '/map/parks', summary: 'Parks whose map the caller may open (their park, or the park of their enterprise)', tags,
      permission: 'record.read', module: 'parkMap', response: z.object({ items: z.array(ParkOut) }),
      handler: async ({ auth }) => ({ items: (await listMapParks(deps, auth)).map(parkOut) }),
    }),
    defineRoute({
      method: 'get', path: '/map/parks/:parkId/layers',
      summary: 'The layers of a park map as the caller sees them (tenant + org scope), with their version; `since` = the version held answers `unchanged` without layers (poll it)', tags,
      permission: 'record.read', module: 'parkMap', params: ParkParams,
      query: z.object({ since: z.string().max(64).optional(), layers: z.string().max(500).optional() }),
      response: LayersOut,
      handler: async ({ params, query, auth, ctx }) => {
        const park = await loadMapPark(deps, auth, params.parkId);
        const wanted = query.layers ? new Set(query.layers.split(',').map((s) => s.trim()).filter(Boolean)) : null;
        if (wanted) {
          const unknown = [...wanted].filter((k) => !layerProviders.some((p) => p.key === k));
          if (unknown.length) throw new SafeFlowError('map.unknown_layer', `no map layer '${unknown.join("', '")}'`, { status: 400, details: { layers: layerProviders.map((p) => p.key) } });
        }
        const { version, layers } = await mapLayers(deps, auth, park, wanted ? layerProviders.filter((p) => wanted.has(p.key)) : layerProviders);
        ctx.set('ETag', `"${version}"`);
        ctx.set('Cache-Control', 'private, no-cache');
        const unchanged = query.since === version;
        return { park: parkOut(park), version, unchanged, layers: unchanged ? [] : layers };
      },
    }),
    defineRoute({
      method: 'get', path: '/map/parks/:parkId/unzoned-risk-points', summary: 'Risk points of the park (current, visible to the caller) that have no zone polygon yet, to draw one', tags,
      permission: 'record.read', module: 'parkMap', params: ParkParams,
      response: z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), code: z.string().nullable(), riskColor: z.string().nullable(), status: z.string() })) }),
      handler: async ({ params, auth }) => {
        const park = await loadMapPark(deps, auth, params.parkId);
        return { items: await unzonedRiskPoints({ deps, auth, tenantId: park.tenantId, park: { id: park.id, orgId: park.orgId, orgPath: park.orgPath } }) };
      },
    }),
    defineRoute({
      method: 'get', path: '/map/parks/:parkId/site-plan', summary: "The park's site plan image (to everyone who may open the park's map)", tags,
      permission: 'record.read', module: 'parkMap', params: ParkParams,
      handler: async ({ params, auth, ctx }) => {
        const park = await loadMapPark(deps, auth, params.parkId);
        const [file] = park.sitePlan
          ? await deps.db.query<{ storage_key: string; mime: string; sha256: string; tenant_id: string | null }>('SELECT storage_key, mime, sha256, tenant_id FROM file WHERE id = ?', [park.sitePlan.fileId])
          : [];
        if (!file || file.tenant_id !== park.tenantId || !file.mime.startsWith('image/')) {
          throw new SafeFlowError('map.site_plan_not_found', `park '${park.id}' has no site plan`, { status: 404 });
        }
        const at = storage.pathOf(file.storage_key);
        if (!fs.existsSync(at)) throw new SafeFlowError('file.content_missing', `Content of the site plan of park '${park.id}' is missing from storage`, { status: 500 });
        ctx.set('Content-Type', file.mime);
        ctx.set('X-Content-Type-Options', 'nosniff');
        ctx.set('ETag', `"${file.sha256}"`);
        ctx.set('Cache-Control', 'private, max-age=300');
        ctx.body = fs.createReadStream(at);
        return undefined;
      },
    }),
  ];
}
