import type { MapLayerProvider } from '../MapLayerProvider';
import { loadRecords, polygonOf, recordHref, text } from '../loadRecords';
import { riskCss, riskLegend, worstRisk } from '../riskColours';

/** Enterprises (企业) as their plots, coloured by the worst colour of their risk points (their regulator colour when they have none). */
export const enterprisesLayer: MapLayerProvider = {
  key: 'enterprises',
  title: { zh: '企业（按风险等级）', en: 'Enterprises by risk level' },
  legend: riskLegend,
  async fetch(ctx) {
    const [enterprises, points] = await Promise.all([
      loadRecords(ctx, 'safety_enterprise', { exceptStatus: ['writtenOff'] }),
      loadRecords(ctx, 'safety_risk_point', { exceptStatus: ['superseded'] }),
    ]);
    return enterprises.flatMap((e) => {
      const coords = polygonOf(e.data.plot);
      if (!coords) return [];
      const mine = points.filter((p) => p.orgPath.startsWith(e.orgPath));
      const risk = worstRisk(mine.map((p) => text(p, 'riskColor'))) ?? text(e, 'regulatorRiskColor');
      return [{
        id: e.id,
        kind: 'polygon' as const,
        coords,
        colour: riskCss(risk),
        label: text(e, 'name') ?? e.id,
        status: e.status,
        href: recordHref(e),
        props: { riskColor: risk ?? null, riskPoints: mine.length, industry: text(e, 'industry') ?? null, principal: text(e, 'principalName') ?? null, phone: text(e, 'principalPhone') ?? null },
      }];
    });
  },
};
