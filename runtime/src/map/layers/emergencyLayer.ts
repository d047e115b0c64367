import type { MapFeature, MapLayerProvider } from '../MapLayerProvider';
import { loadRecords, recordHref, text, type MapRecord } from '../loadRecords';
import { placeInPlot } from '../placeInPlot';

const TEAM = '#6a1b9a';
const SUPPLY = '#00838f';
const SHELTER = '#2e7d32';

/** Emergency resources (应急资源): rescue teams, supplies and shelters (supplies of category `shelter`) at their site-plan location (else near their enterprise's plot centre). */
export const emergencyLayer: MapLayerProvider = {
  key: 'emergency',
  title: { zh: '应急资源', en: 'Emergency resources' },
  legend: [
    { colour: TEAM, label: { zh: '救援队伍', en: 'Rescue team' } },
    { colour: SUPPLY, label: { zh: '应急物资', en: 'Supplies' } },
    { colour: SHELTER, label: { zh: '避难场所', en: 'Shelter' } },
  ],
  async fetch(ctx) {
    const [teams, supplies] = await Promise.all([
      loadRecords(ctx, 'safety_emergency_team', { exceptStatus: ['disbanded'] }),
      loadRecords(ctx, 'safety_emergency_supply', { exceptStatus: ['scrapped'] }),
    ]);
    const placed = await placeInPlot(ctx, [...teams, ...supplies]);
    const feature = (r: MapRecord, colour: string, resource: string, props: Record<string, unknown>): MapFeature[] => {
      const p = placed.get(r.id);
      return p ? [{ id: r.id, kind: 'point', coords: [p.at], colour, label: text(r, 'name') ?? r.id, status: r.status, href: recordHref(r), props: { resource, ...props, approximate: p.approximate } }] : [];
    };
    return [
      ...teams.flatMap((t) => feature(t, TEAM, 'team', { leader: text(t, 'leader') ?? null, phone: text(t, 'phone') ?? null, members: t.data.memberCount ?? null })),
      ...supplies.flatMap((s) =>
        feature(s, text(s, 'category') === 'shelter' ? SHELTER : SUPPLY, text(s, 'category') === 'shelter' ? 'shelter' : 'supply', {
          category: text(s, 'category') ?? null, location: text(s, 'location') ?? null, quantity: s.data.quantity ?? null, expiresAt: text(s, 'expiresAt') ?? null,
        }),
      ),
    ];
  },
};
