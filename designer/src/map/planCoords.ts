/**
 * Site-plan coordinates (`[x, y]`, x to the right, y downwards from the
 * plan's top-left corner, like the image's pixels) ↔ Leaflet `CRS.Simple`
 * lat/lng (lat upwards): lat = height − y, lng = x.
 */
export function toLatLng(p: readonly [number, number], height: number): [number, number] {
  return [height - p[1], p[0]];
}

/** The inverse of {@link toLatLng}, rounded to one decimal of a plan unit. */
export function toPlan(latLng: { lat: number; lng: number }, height: number): [number, number] {
  const r = (v: number) => Math.round(v * 10) / 10;
  return [r(latLng.lng), r(height - latLng.lat)];
}

/** The bounds of the plan in lat/lng: `[[0, 0], [height, width]]`. */
export function planBounds(width: number, height: number): [[number, number], [number, number]] {
  return [
    [0, 0],
    [height, width],
  ];
}

/** The plan size to use when a park has no site plan: the features' extent plus a margin (at least 100 × 100). */
export function extentOf(coords: Iterable<readonly [number, number]>): { width: number; height: number } {
  let w = 100;
  let h = 100;
  for (const [x, y] of coords) {
    w = Math.max(w, x * 1.05);
    h = Math.max(h, y * 1.05);
  }
  return { width: Math.ceil(w), height: Math.ceil(h) };
}

/** WGS-84 edges of a georeferenced site plan (degrees). */
export interface PlanGeo {
  north: number;
  south: number;
  west: number;
  east: number;
}

/** How the map places site-plan coordinates: on the plan itself (CRS.Simple) or on WGS-84 tiles. */
export interface PlanProjection {
  geo: boolean;
  toLatLng(p: readonly [number, number]): [number, number];
  toPlan(latLng: { lat: number; lng: number }): [number, number];
  /** The plan's bounds in the map's lat/lng. */
  bounds: [[number, number], [number, number]];
}

const round1 = (v: number) => Math.round(v * 10) / 10;

/** Plan units as CRS.Simple lat/lng ({@link toLatLng}). */
export function simpleProjection(width: number, height: number): PlanProjection {
  return { geo: false, toLatLng: (p) => toLatLng(p, height), toPlan: (ll) => toPlan(ll, height), bounds: planBounds(width, height) };
}

/** Plan units on WGS-84, linearly between the plan's edges (good enough at the size of a park). */
export function geoProjection(width: number, height: number, g: PlanGeo): PlanProjection {
  const dx = (g.east - g.west) / width;
  const dy = (g.north - g.south) / height;
  return {
    geo: true,
    toLatLng: (p) => [g.north - p[1] * dy, g.west + p[0] * dx],
    toPlan: (ll) => [round1((ll.lng - g.west) / dx), round1((g.north - ll.lat) / dy)],
    bounds: [
      [g.south, g.west],
      [g.north, g.east],
    ],
  };
}
