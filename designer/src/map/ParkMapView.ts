import L from 'leaflet';
import type { MapFeature, MapLayer } from './mapApi';
import { planBounds, toLatLng } from './planCoords';
import { renderFeature } from './renderFeature';

/**
 * The Leaflet side of the park map: a `CRS.Simple` map over the site plan
 * (an image overlay; no tiles, no internet), one layer group per map layer,
 * visibility switches and fly-to.
 */
export class ParkMapView {
  readonly map: L.Map;
  private readonly groups = new Map<string, L.LayerGroup>();
  private overlay: L.ImageOverlay | undefined;
  private hidden = new Set<string>();

  constructor(
    el: HTMLElement,
    readonly width: number,
    readonly height: number,
    private readonly onSelect: (layer: MapLayer, feature: MapFeature) => boolean,
    /** Pixels on the right covered by the layer panel (the plan is fitted beside it). */
    panelWidth = 0,
  ) {
    this.map = L.map(el, { crs: L.CRS.Simple, minZoom: -3, maxZoom: 3, zoomSnap: 0.25, attributionControl: false, doubleClickZoom: false });
    const bounds = planBounds(width, height);
    this.map.setMaxBounds(L.latLngBounds(bounds).pad(0.5));
    this.fitOptions = { paddingTopLeft: [8, 8], paddingBottomRight: [panelWidth + 8, 8] };
    this.fit();
  }

  private readonly fitOptions: L.FitBoundsOptions;

  private focus: L.LatLngBounds | undefined;

  /** Shows the whole plan, or what the caller may see of it (an enterprise user: its own plot). */
  fit(): void {
    this.map.fitBounds(this.focus ?? planBounds(this.width, this.height), this.fitOptions);
  }

  /** Fits the view to the features' extent (plus a margin) when it is a part of the plan. */
  focusOn(layers: MapLayer[]): void {
    const pts = layers.flatMap((l) => l.features.flatMap((f) => f.coords.map((p) => toLatLng(p, this.height))));
    const b = pts.length ? L.latLngBounds(pts).pad(0.15) : undefined;
    // clamped to the plan
    this.focus = b?.isValid()
      ? L.latLngBounds(
          [Math.max(0, b.getSouth()), Math.max(0, b.getWest())],
          [Math.min(this.height, b.getNorth()), Math.min(this.width, b.getEast())],
        )
      : undefined;
    this.fit();
  }

  /** Shows the site plan image (an object URL) under the layers. */
  setPlan(url: string): void {
    this.overlay?.remove();
    this.overlay = L.imageOverlay(url, planBounds(this.width, this.height), { className: 'sf-site-plan' }).addTo(this.map);
    this.overlay.bringToBack();
  }

  /** Draws the layers anew (bottom to top in list order). */
  render(layers: MapLayer[]): void {
    for (const g of this.groups.values()) g.remove();
    this.groups.clear();
    for (const l of layers) {
      const g = L.layerGroup();
      for (const f of l.features) {
        const shape = renderFeature(l.key, f, this.height, () => this.onSelect(l, f));
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

  /** Moves the view to a feature. */
  flyTo(f: MapFeature): void {
    const pts = f.coords.map((p) => toLatLng(p, this.height));
    if (pts.length === 1) this.map.flyTo(pts[0]!, Math.max(this.map.getZoom(), 0.5), { duration: 0.5 });
    else if (pts.length) this.map.flyToBounds(L.latLngBounds(pts).pad(0.6), { ...this.fitOptions, duration: 0.5, maxZoom: Math.max(this.map.getZoom(), 0.5) });
  }

  destroy(): void {
    this.map.remove();
  }
}
