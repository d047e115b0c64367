import { describe, expect, it } from 'vitest';
import { fitWithin, stampLines } from './fitWithin';

describe('fitWithin (photo compression size)', () => {
  it('scales the longer side of a landscape or portrait photo down to the limit, keeping the aspect ratio', () => {
    expect(fitWithin(4032, 3024, 1600)).toEqual({ width: 1600, height: 1200, scaled: true });
    expect(fitWithin(3024, 4032, 1600)).toEqual({ width: 1200, height: 1600, scaled: true });
    expect(fitWithin(8000, 10, 1600)).toEqual({ width: 1600, height: 2, scaled: true });
  });

  it('never enlarges a small photo', () => {
    expect(fitWithin(800, 600, 1600)).toEqual({ width: 800, height: 600, scaled: false });
    expect(fitWithin(1600, 1600, 1600)).toEqual({ width: 1600, height: 1600, scaled: false });
  });

  it('refuses an image without a size', () => {
    expect(() => fitWithin(0, 100, 1600)).toThrow(/no size/);
  });
});

describe('stampLines', () => {
  it('gives the local time and, when known, the position with its accuracy', () => {
    const at = new Date(2026, 11, 3, 9, 5, 7);
    expect(stampLines(at)).toEqual(['2026-12-03 09:05:07']);
    expect(stampLines(at, { lat: 31.2304, lng: 121.4737, accuracy: 12.4 })).toEqual(['2026-12-03 09:05:07', '31.230400, 121.473700 ±12m']);
  });
});
