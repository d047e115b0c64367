import L from 'leaflet';
import type { MapFeature, MapLayer } from './mapApi';
import type { PlanProjection } from './planCoords';
import { renderFeature } from './renderFeature';

/** Where the view draws: the plan alone (CRS.Simple), or WGS-84 tiles of the tenant's own tile server. */
export interface ParkMapBase {
  projection: PlanProjection;
  /** Tile URL template (`{z}/{x}/{y}`), only with a geo projection. */
  tiles?: string;
}

/**
 * The Leaflet side of the park map: by default a `CRS.Simple` map over the
 * site plan (an image overlay; no tiles, no internet); with a georeferenced
 * plan and a tenant tile URL, Web Mercator tiles with the plan on top. One
 * layer group per map layer, visibility switches and fly-to.
 */
export class ParkMapView {
  readonly map: L.Map;
  readonly projection: PlanProjection;
  private readonly groups = new Map<string, L.LayerGroup>();
  private overlay: L.ImageOverlay | undefined;
  private hidden = new Set<string>();
  private readonly fitOptions: L.FitBoundsOptions;
  private focus: L.LatLngBounds | undefined;

  constructor(
    el: HTMLElement,
    base: ParkMapBase,
    private readonly onSelect: (layer: MapLayer, feature: MapFeature) => boolean,
    /** Pixels on the right covered by the layer panel (the plan is fitted beside it). */
    panelWidth = 0,
  ) {
    this.projection = base.projection;
    const geo = base.projection.geo;
    this.map = L.map(el, {
      crs: geo ? L.CRS.EPSG3857 : L.CRS.Simple,
      minZoom: geo ? 3 : -3,
      maxZoom: geo ? 20 : 3,
      zoomSnap: 0.25,
      attributionControl: false,
      doubleClickZoom: false,
    });
    if (geo && base.tiles) L.tileLayer(base.tiles, { maxZoom: 20, className: 'sf-base-tiles' }).addTo(this.map);
    this.map.setMaxBounds(L.latLngBounds(base.projection.bounds).pad(0.5));
    this.fitOptions = { paddingTopLeft: [8, 8], paddingBottomRight: [panelWidth + 8, 8] };
    this.fit();
  }

  /** Shows the site plan image (an object URL) under the layers (translucent over tiles). */
  setPlan(url: string): void {
    this.overlay?.remove();
    this.overlay = L.imageOverlay(url, this.projection.bounds, { className: 'sf-site-plan', opacity: this.projection.geo ? 0.75 : 1 }).addTo(this.map);
    this.overlay.bringToBack();
  }

  /** Draws the layers anew (bottom to top in list order). */
  render(layers: MapLayer[]): void {
    for (const g of this.groups.values()) g.remove();
    this.groups.clear();
    for (const l of layers) {
      const g = L.layerGroup();
      for (const f of l.features) {
        const shape = renderFeature(l.key, f, this.projection, () => this.onSelect(l, f));
        if (shape) g.addLayer(shape);
      }
      this.groups.set(l.key, g);
      if (!this.hidden.has(l.key)) g.addTo(this.map);
    }
  }

  /** Shows or hides one layer. */
  setVisible(key: string, on: boolean): void {
    if (on) this.hidden.delete(key);
    else this.hidden.add(key);
    const g = this.groups.get(key);
    if (!g) return;
    if (on) g.addTo(this.map);
    else g.remove();
  }

  /** Shows the whole plan, or what the caller may see of it (an enterprise user: its own plot). */
  fit(): void {
    this.map.fitBounds(this.focus ?? this.projection.bounds, this.fitOptions);
  }

  /** Fits the view to the features' extent (plus a margin, within the plan). */
  focusOn(layers: MapLayer[]): void {
    const pts = layers.flatMap((l) => l.features.flatMap((f) => f.coords.map((p) => this.projection.toLatLng(p))));
    const b = pts.length ? L.latLngBounds(pts).pad(0.15) : undefined;
    const [[s, w], [n, e]] = this.projection.bounds;
    this.focus = b?.isValid()
      ? L.latLngBounds([Math.max(s, b.getSouth()), Math.max(w, b.getWest())], [Math.min(n, b.getNorth()), Math.min(e, b.getEast())])
      : undefined;
    this.fit();
  }

  /** Moves the view to a feature. */
  flyTo(f: MapFeature): void {
    const pts = f.coords.map((p) => this.projection.toLatLng(p));
    const minZoom = this.projection.geo ? 17 : 0.5;
    if (pts.length === 1) this.map.flyTo(pts[0]!, Math.max(this.map.getZoom(), minZoom), { duration: 0.5 });
    else if (pts.length) this.map.flyToBounds(L.latLngBounds(pts).pad(0.6), { ...this.fitOptions, duration: 0.5, maxZoom: Math.max(this.map.getZoom(), minZoom) });
  }

  destroy(): void {
    this.map.remove();
  }
}
