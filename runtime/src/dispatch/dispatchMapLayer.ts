import { DataScope, escapeLike } from '../tenancy/DataScope';
import { EVENT_COLLECTION, GRADE_COLOURS, OPEN_EVENT_STATES, ORDER_COLOURS } from './dispatchConstants';
import { orderRowsOfEvents } from './orderRowsOfEvents';
import type { MapFeature, MapLayerContext, MapLayerProvider } from '../map/MapLayerProvider';

interface Row {
  id: string;
  status: string;
  data: string;
}

const GRADE_NAMES: Record<string, { zh: string; en: string }> = {
  I: { zh: 'I 级（特别重大）', en: 'Grade I (most severe)' },
  II: { zh: 'II 级（重大）', en: 'Grade II (major)' },
  III: { zh: 'III 级（较大）', en: 'Grade III (serious)' },
  IV: { zh: 'IV 级（一般）', en: 'Grade IV (general)' },
};
/** Colour of an event not graded yet. */
const UNGRADED = '#606266';

/**
 * The park map's layer of command dispatch: every open (not closed)
 * emergency event of the park that the caller may read, as a point at its
 * site-plan location coloured by grade, and each of its orders as a line from
 * the team's base to the event (a point at the event when the order has no
 * base) coloured by the order's status. Events without a location are left
 * out (and so are their orders).
 */
export const dispatchMapLayer: MapLayerProvider = {
  key: 'dispatch',
  title: { zh: '指挥调度', en: 'Command dispatch' },
  legend: [
    ...Object.entries(GRADE_NAMES).map(([g, label]) => ({ colour: GRADE_COLOURS[g]!, label })),
    { colour: ORDER_COLOURS.dispatched!, label: { zh: '指令：已派发', en: 'Order: dispatched' } },
    { colour: ORDER_COLOURS.en_route!, label: { zh: '指令：赶赴途中', en: 'Order: en route' } },
    { colour: ORDER_COLOURS.on_site!, label: { zh: '指令：已到场', en: 'Order: on site' } },
    { colour: ORDER_COLOURS.done!, label: { zh: '指令：已完成', en: 'Order: done' } },
  ],
  fetch: fetchDispatchFeatures,
};

async function fetchDispatchFeatures(ctx: MapLayerContext): Promise<MapFeature[]> {
  const scope = DataScope.of(ctx.auth, 'record.read').sql('org_path');
  const rows = await ctx.deps.db.query<Row>(
    `SELECT id, status, data FROM record
      WHERE tenant_id = ? AND collection_key = ? AND status IN (${OPEN_EVENT_STATES.map(() => '?').join(', ')}) AND org_path LIKE ? ESCAPE '!' AND ${scope.sql}
      ORDER BY created_at, id`,
    [ctx.tenantId, EVENT_COLLECTION, ...OPEN_EVENT_STATES, escapeLike(ctx.park.orgPath) + '%', ...scope.params],
  );
  const events = new Map<string, { x: number; y: number; title: string }>();
  const features: MapFeature[] = [];
  for (const r of rows) {
    const d = JSON.parse(String(r.data)) as Record<string, unknown>;
    if (typeof d.locationX !== 'number' || typeof d.locationY !== 'number') continue;
    const title = String(d.title ?? '');
    events.set(r.id, { x: d.locationX, y: d.locationY, title });
    const grade = typeof d.grade === 'string' ? d.grade : undefined;
    features.push({
      id: `event:${r.id}`, kind: 'point', coords: [[d.locationX, d.locationY]],
      colour: grade ? (GRADE_COLOURS[grade] ?? UNGRADED) : UNGRADED,
      label: grade ? `${title}（${grade} 级）` : title,
      status: String(r.status),
      href: `/dispatch/${r.id}`,
      props: { type: 'event', grade: grade ?? null, eventType: d.eventType ?? null, exercise: d.exercise === true, source: d.source ?? null },
    });
  }
  const orders = await orderRowsOfEvents(ctx.deps.db, ctx.tenantId, ctx.park.orgPath, [...events.keys()], scope);
  for (const r of orders) {
    const d = r.data;
    const ev = events.get(String(d.eventId ?? ''));
    if (!ev) continue;
    const hasBase = typeof d.baseX === 'number' && typeof d.baseY === 'number';
    features.push({
      id: `order:${r.id}`, kind: hasBase ? 'polyline' : 'point',
      coords: hasBase ? [[d.baseX as number, d.baseY as number], [ev.x, ev.y]] : [[ev.x, ev.y]],
      colour: ORDER_COLOURS[r.status] ?? UNGRADED,
      label: `${String(d.resourceName ?? '')}：${String(d.task ?? '')}`,
      status: r.status,
      href: `/dispatch/${String(d.eventId)}`,
      props: { type: 'order', eventId: d.eventId, resourceKind: d.resourceKind ?? null, leader: d.leader ?? null },
    });
  }
  return features;
}
