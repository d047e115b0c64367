import { describe, expect, it } from 'vitest';
import { computeLetterbox, unletterboxBox } from './letterbox';

describe('letterbox', () => {
  it('follows the Ultralytics maths for landscape, portrait and odd sizes', () => {
    expect(computeLetterbox(1280, 720, 640)).toMatchObject({ ratio: 0.5, newWidth: 640, newHeight: 360, top: 140, bottom: 140, left: 0, right: 0 });
    expect(computeLetterbox(720, 1280, 640)).toMatchObject({ newWidth: 360, newHeight: 640, left: 140, right: 140, top: 0 });
    // 1000×563: r = 0.64, 640×360.32 → 360, dh = 140 → top 140, bottom 140
    const odd = computeLetterbox(1001, 563, 640);
    expect(odd.newWidth).toBe(640);
    expect(odd.newHeight).toBe(Math.round(563 * (640 / 1001)));
    expect(odd.top + odd.bottom + odd.newHeight).toBe(640);
    // an odd padding: 641-px-wide resize impossible; 100×99 into 64 → 64×63, dh 0.5 → top 0, bottom 1
    expect(computeLetterbox(100, 99, 64)).toMatchObject({ newWidth: 64, newHeight: 63, top: 0, bottom: 1 });
  });

  it('maps boxes back and clips them to the picture', () => {
    const lb = computeLetterbox(1280, 720, 640);
    expect(unletterboxBox({ x1: 160, y1: 192, x2: 192, y2: 224 }, lb)).toEqual({ x1: 320, y1: 104, x2: 384, y2: 168 });
    expect(unletterboxBox({ x1: -10, y1: 100, x2: 700, y2: 600 }, lb)).toEqual({ x1: 0, y1: 0, x2: 1280, y2: 720 });
  });
});
