import type { MapLayerProvider } from '../MapLayerProvider';
import { loadRecords, polygonOf, recordHref, text } from '../loadRecords';
import { riskCss, riskLegend } from '../riskColours';

/** Four-colour risk zones (风险四色图): the `zone` polygon of every current risk point. */
export const riskZonesLayer: MapLayerProvider = {
  key: 'riskZones',
  title: { zh: '风险四色分区', en: 'Four-colour risk zones' },
  legend: riskLegend,
  async fetch(ctx) {
    const points = await loadRecords(ctx, 'safety_risk_point', { exceptStatus: ['superseded'] });
    return points.flatMap((p) => {
      const coords = polygonOf(p.data.zone);
      if (!coords) return [];
      return [{
        id: p.id,
        kind: 'polygon' as const,
        coords,
        colour: riskCss(text(p, 'riskColor')),
        label: text(p, 'name') ?? p.id,
        status: p.status,
        href: recordHref(p),
        props: {
          zoneCode: text(p, 'zoneCode') ?? null, riskColor: text(p, 'riskColor') ?? null, riskLevel: text(p, 'riskLevel') ?? null,
          riskValue: typeof p.data.riskValue === 'number' ? p.data.riskValue : null, department: text(p, 'department') ?? null, revision: p.revision,
        },
      }];
    });
  },
};
