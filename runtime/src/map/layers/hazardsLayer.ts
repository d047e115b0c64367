import type { MapLayerProvider } from '../MapLayerProvider';
import { loadRecords, recordHref, text } from '../loadRecords';
import { placeInPlot } from '../placeInPlot';

const MAJOR = '#b71c1c';
const GENERAL = '#ef6c00';
const UNGRADED = '#8e24aa';

/** Open hazards (未闭环隐患) at their site-plan location (else near the centre of their enterprise's plot), coloured by grade (重大 / 一般 / 待定级). */
export const hazardsLayer: MapLayerProvider = {
  key: 'hazards',
  title: { zh: '未闭环隐患（按等级）', en: 'Open hazards by grade' },
  legend: [
    { colour: MAJOR, label: { zh: '重大隐患', en: 'Major hazard' } },
    { colour: GENERAL, label: { zh: '一般隐患', en: 'General hazard' } },
    { colour: UNGRADED, label: { zh: '待定级', en: 'Not graded yet' } },
  ],
  async fetch(ctx) {
    const hazards = await loadRecords(ctx, 'safety_hazard', { exceptStatus: ['closed', 'rejected'] });
    const placed = await placeInPlot(ctx, hazards);
    return hazards.flatMap((h) => {
      const place = placed.get(h.id);
      if (!place) return [];
      const at = place.at;
      const grade = h.status === 'major' ? '1' : text(h, 'grade');
      return [{
        id: h.id,
        kind: 'point' as const,
        coords: [at],
        colour: grade === '1' ? MAJOR : grade === '0' ? GENERAL : UNGRADED,
        label: text(h, 'title') ?? h.id,
        status: h.status,
        href: recordHref(h),
        props: { grade: grade ?? null, location: text(h, 'location') ?? null, approximate: place.approximate, deadline: text(h, 'deadline') ?? null, overdue: h.data.overdue === true, responsible: text(h, 'responsible') ?? null },
      }];
    });
  },
};
