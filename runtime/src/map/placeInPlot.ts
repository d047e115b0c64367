import type { MapLayerContext } from './MapLayerProvider';
import { loadRecords, pointOf, polygonOf, type MapRecord } from './loadRecords';

/** Where a record is drawn: its own plan coordinates, or near the centre of its enterprise's plot (`approximate`). */
export interface Placement {
  at: [number, number];
  approximate: boolean;
}

/**
 * Places records that carry `planX` / `planY` there and the others near
 * the centre of the plot of the enterprise they belong to (the enterprise
 * archive whose org contains the record's org), fanned out on a sunflower
 * spiral so that several do not cover each other. Records with neither
 * are left out.
 */
export async function placeInPlot(ctx: MapLayerContext, records: MapRecord[]): Promise<Map<string, Placement>> {
  const out = new Map<string, Placement>();
  const unplaced: MapRecord[] = [];
  for (const r of records) {
    const at = pointOf(r.data.planX, r.data.planY);
    if (at) out.set(r.id, { at, approximate: false });
    else unplaced.push(r);
  }
  if (unplaced.length === 0) return out;
  const plots = (await loadRecords(ctx, 'safety_enterprise', { exceptStatus: ['writtenOff'] }))
    .map((e) => ({ orgPath: e.orgPath, plot: polygonOf(e.data.plot) }))
    .filter((e): e is { orgPath: string; plot: [number, number][] } => e.plot !== undefined)
    .sort((a, b) => b.orgPath.length - a.orgPath.length); // the deepest enterprise first
  const fanned = new Map<string, number>();
  for (const r of unplaced) {
    const home = plots.find((p) => r.orgPath.startsWith(p.orgPath));
    if (!home) continue;
    const cx = home.plot.reduce((s, p) => s + p[0], 0) / home.plot.length;
    const cy = home.plot.reduce((s, p) => s + p[1], 0) / home.plot.length;
    const i = fanned.get(home.orgPath) ?? 0;
    fanned.set(home.orgPath, i + 1);
    const angle = i * 2.39996; // the golden angle
    const radius = i === 0 ? 0 : 14 * Math.sqrt(i);
    out.set(r.id, { at: [Math.round(cx + radius * Math.cos(angle)), Math.round(cy + radius * Math.sin(angle))], approximate: true });
  }
  return out;
}
