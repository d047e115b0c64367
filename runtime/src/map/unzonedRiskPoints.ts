import type { MapLayerContext } from './MapLayerProvider';
import { loadRecords, polygonOf, text } from './loadRecords';

/** The park's current risk points the caller may see that have no zone polygon yet (the map page draws one for them). */
export async function unzonedRiskPoints(ctx: MapLayerContext): Promise<{ id: string; name: string; code: string | null; riskColor: string | null; status: string }[]> {
  const points = await loadRecords(ctx, 'safety_risk_point', { exceptStatus: ['superseded'] });
  return points
    .filter((p) => !polygonOf(p.data.zone))
    .map((p) => ({ id: p.id, name: text(p, 'name') ?? p.id, code: text(p, 'code') ?? null, riskColor: text(p, 'riskColor') ?? null, status: p.status }));
}
