import L from 'leaflet';
import type { PlanProjection } from './planCoords';

/**
 * Draws and edits one risk-zone polygon on a CRS.Simple map with Leaflet
 * primitives: a click on the map adds a vertex, vertices are draggable
 * markers, a double click on a vertex removes it; `vertices` are in
 * site-plan coordinates. `onChange` is called after every change.
 */
export class ZoneEditor {
  private readonly group = L.layerGroup();
  private readonly outline: L.Polygon;
  private points: [number, number][] = [];
  private readonly onMapClick = (e: L.LeafletMouseEvent) => {
    this.points.push(this.proj.toPlan(e.latlng));
    this.redraw();
  };

  constructor(
    private readonly map: L.Map,
    private readonly proj: PlanProjection,
    private readonly onChange: (vertices: [number, number][]) => void,
  ) {
    this.outline = L.polygon([], { color: '#0d47a1', weight: 3, dashArray: '6 4', fillOpacity: 0.15, interactive: false, className: 'sf-zone-draft' });
    this.group.addLayer(this.outline);
  }

  /** The vertices drawn so far. */
  get vertices(): [number, number][] {
    return this.points.map((p) => [p[0], p[1]]);
  }

  /** Starts editing `initial` (a copy is edited). */
  start(initial: [number, number][]): void {
    this.points = initial.map((p) => [p[0], p[1]]);
    this.group.addTo(this.map);
    this.map.on('click', this.onMapClick);
    this.map.getContainer().classList.add('sf-drawing');
    this.redraw();
  }

  /** Removes every vertex (draw the zone anew). */
  clear(): void {
    this.points = [];
    this.redraw();
  }

  /** Removes the last vertex. */
  undo(): void {
    this.points.pop();
    this.redraw();
  }

  /** Ends editing and removes the editor's layers. */
  stop(): void {
    this.map.off('click', this.onMapClick);
    this.map.getContainer().classList.remove('sf-drawing');
    this.group.clearLayers();
    this.group.addLayer(this.outline);
    this.group.remove();
  }

  private redraw(): void {
    this.group.clearLayers();
    this.outline.setLatLngs(this.points.map((p) => this.proj.toLatLng(p)));
    this.group.addLayer(this.outline);
    this.points.forEach((p, i) => {
      const marker = L.marker(this.proj.toLatLng(p), {
        draggable: true,
        keyboard: false,
        icon: L.divIcon({ className: 'sf-vertex', iconSize: [16, 16] }),
      });
      marker.on('drag', () => {
        this.points[i] = this.proj.toPlan(marker.getLatLng());
        this.outline.setLatLngs(this.points.map((q) => this.proj.toLatLng(q)));
      });
      marker.on('dragend', () => this.onChange(this.vertices));
      marker.on('dblclick', (e) => {
        L.DomEvent.stop(e);
        this.points.splice(i, 1);
        this.redraw();
      });
      this.group.addLayer(marker);
    });
    this.onChange(this.vertices);
  }
}
