import L from 'leaflet';
import type { MapFeature } from './mapApi';
import type { PlanProjection } from './planCoords';

const cssSafe = (v: string): string => v.replace(/[^A-Za-z0-9_-]/g, '_');

/** CSS class of a feature's shape: `sf-f sf-f-<layer> sf-id-<id>` plus `sf-status-<status>` when it has one (what tests and styles select). */
export const featureClass = (layerKey: string, id: string, status?: string): string =>
  `sf-f sf-f-${layerKey} sf-id-${cssSafe(id)}${status ? ` sf-status-${cssSafe(status)}` : ''}`;

/**
 * The Leaflet shape of a feature: points are circle markers, polygons
 * filled areas, polylines dashed lines, all in the feature's colour. The
 * label is set as a text tooltip (never as HTML). `onClick` says whether
 * it handled the click.
 */
export function renderFeature(layerKey: string, f: MapFeature, proj: PlanProjection, onClick: () => boolean): L.Path | undefined {
  const colour = f.colour ?? '#546e7a';
  const latLngs = f.coords.map((p) => proj.toLatLng(p));
  const className = featureClass(layerKey, f.id, f.status);
  let shape: L.Path | undefined;
  if (f.kind === 'point' && latLngs[0]) {
    shape = L.circleMarker(latLngs[0], { radius: layerKey === 'alarms' ? 12 : 8, color: '#ffffff', weight: 2, fillColor: colour, fillOpacity: layerKey === 'alarms' ? 0.55 : 0.95, className });
  } else if (f.kind === 'polygon' && latLngs.length >= 3) {
    const outline = layerKey === 'enterprises';
    shape = L.polygon(latLngs, { color: colour, weight: outline ? 3 : 1.5, fillColor: colour, fillOpacity: outline ? 0.08 : 0.45, className });
  } else if (f.kind === 'polyline' && latLngs.length >= 2) {
    shape = L.polyline(latLngs, { color: colour, weight: 4, dashArray: '10 6', className });
  }
  if (!shape) return undefined;
  const tip = document.createElement('span');
  tip.textContent = f.label;
  shape.bindTooltip(tip, { sticky: f.kind !== 'point', direction: 'top' });
  // a handled click stops here; an unhandled one (while a zone is drawn) reaches the map
  shape.on('click', (e) => {
    if (onClick()) L.DomEvent.stopPropagation(e);
  });
  return shape;
}
