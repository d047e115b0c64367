import { describe, expect, it } from 'vitest';
import { MIN_SIDE, moveBox, newBox, resizeBox, toImagePoint } from './boxGeometry';

describe('box geometry of the review editor', () => {
  const box = { x1: 100, y1: 100, x2: 164, y2: 164 };

  it('maps a client point on a half-size display to image pixels, clipped to the image', () => {
    // given a 1280×720 image shown at 640×360 from (10, 20)
    const rect = { left: 10, top: 20, width: 640, height: 360 };
    // when / then
    expect(toImagePoint(10 + 320, 20 + 180, rect, 1280, 720)).toEqual({ x: 640, y: 360 });
    expect(toImagePoint(0, 1000, rect, 1280, 720)).toEqual({ x: 0, y: 720 });
  });

  it('moves a box and keeps it whole inside the image', () => {
    // given / when
    const moved = moveBox(box, 20, -10, 1280, 720);
    const pushed = moveBox(box, 5000, 5000, 1280, 720);
    // then
    expect(moved).toEqual({ x1: 120, y1: 90, x2: 184, y2: 154 });
    expect(pushed).toEqual({ x1: 1216, y1: 656, x2: 1280, y2: 720 });
  });

  it('resizes by a corner, keeps the opposite corner, never inverts or shrinks below the minimum', () => {
    // given / when
    const grown = resizeBox(box, 'se', 200, 180, 1280, 720);
    const nw = resizeBox(box, 'nw', 90, 80, 1280, 720);
    const crossed = resizeBox(box, 'ne', 10, 500, 1280, 720);
    // then
    expect(grown).toEqual({ x1: 100, y1: 100, x2: 200, y2: 180 });
    expect(nw).toEqual({ x1: 90, y1: 80, x2: 164, y2: 164 });
    expect(crossed).toEqual({ x1: 100, y1: 164 - MIN_SIDE, x2: 100 + MIN_SIDE, y2: 164 });
  });

  it('places a new box in the middle', () => {
    expect(newBox(1280, 720)).toEqual({ x1: 604, y1: 324, x2: 676, y2: 396 });
  });
});
