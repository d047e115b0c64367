import { describe, expect, it } from 'vitest';
import { extentOf, geoProjection, planBounds, simpleProjection, toLatLng, toPlan } from './planCoords';

describe('site-plan coordinates on a CRS.Simple map', () => {
  it('puts the plan origin at the top-left corner and round-trips a vertex', () => {
    // given: an 1200 × 800 plan
    const h = 800;
    // when
    const origin = toLatLng([0, 0], h);
    const corner = toLatLng([1200, 800], h);
    const back = toPlan({ lat: toLatLng([240.04, 120.06], h)[0], lng: toLatLng([240.04, 120.06], h)[1] }, h);
    // then
    expect(origin).toEqual([800, 0]);
    expect(corner).toEqual([0, 1200]);
    expect(back).toEqual([240, 120.1]);
    expect(planBounds(1200, 800)).toEqual([[0, 0], [800, 1200]]);
  });

  it('sizes a plan-less park from its features', () => {
    // when
    const size = extentOf([[10, 20], [400, 300]]);
    const empty = extentOf([]);
    // then
    expect(size).toEqual({ width: 420, height: 315 });
    expect(empty).toEqual({ width: 100, height: 100 });
  });

  it('places the plan on WGS-84 between its edges and back', () => {
    // given: a 1200 × 800 plan whose edges are known
    const geo = geoProjection(1200, 800, { north: 30.21, south: 30.206, west: 120.206, east: 120.212 });
    // when
    const topLeft = geo.toLatLng([0, 0]);
    const centre = geo.toLatLng([600, 400]);
    const back = geo.toPlan({ lat: centre[0], lng: centre[1] });
    // then
    expect(topLeft).toEqual([30.21, 120.206]);
    expect(centre[0]).toBeCloseTo(30.208, 9);
    expect(centre[1]).toBeCloseTo(120.209, 9);
    expect(back).toEqual([600, 400]);
    expect(geo.bounds).toEqual([[30.206, 120.206], [30.21, 120.212]]);
    expect(simpleProjection(1200, 800).toLatLng([0, 0])).toEqual([800, 0]);
  });
});
