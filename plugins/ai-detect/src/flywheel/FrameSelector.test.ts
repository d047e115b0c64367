import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { cellBox, paintFrame } from '../testModels/syntheticFrame';
import { dHash, hammingDistance } from './dHash';
import { FrameSelector } from './FrameSelector';

const W = 320;
const H = 240;
/** A frame with a horizontal gradient (the camera's view) and a red square at cell (col,row). */
function frame(col: number, row: number, noise = 0, reverse = false) {
  const data = paintFrame(W, H, [{ colour: 'red', box: cellBox(W, H, 320, 32, col, row) }]);
  for (let i = 0; i < data.length; i += 3) {
    const x = reverse ? W - 1 - ((i / 3) % W) : (i / 3) % W;
    data[i + 1] = Math.min(255, Math.max(0, Math.round((x / W) * 200) + ((i * 7919) % 3 === 0 ? noise : 0)));
  }
  return { data, width: W, height: H, channels: 3 as const };
}

describe('dHash and FrameSelector', () => {
  it('hashes near-duplicates close together and different frames far apart, JPEG or raw', async () => {
    const a = await dHash(frame(2, 2));
    const jpeg = await sharp(frame(2, 2).data, { raw: { width: W, height: H, channels: 3 } }).jpeg({ quality: 70 }).toBuffer();
    const b = await dHash(jpeg);
    const noisy = await dHash(frame(2, 2, 6));
    const other = await dHash(frame(7, 5, 0, true)); // another view
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(hammingDistance(a, b)).toBeLessThanOrEqual(5);
    expect(hammingDistance(a, noisy)).toBeLessThanOrEqual(5);
    expect(hammingDistance(a, other)).toBeGreaterThan(5);
    expect(hammingDistance('ffffffffffffffff', '0000000000000000')).toBe(64);
  });

  it('keeps alarms and near-threshold frames, drops duplicates, uninformative frames and frames over the rate cap', () => {
    const s = new FrameSelector({ epsilon: 0.1, maxPerHour: 2, maxDistance: 5 });
    const h = (n: number) => n.toString(16).padStart(16, '0');
    const base = { cameraId: 'c1', threshold: 0.5 };
    expect(s.consider({ ...base, at: 0, hash: h(0xff), confidences: [0.9], alarm: true })).toEqual({ keep: true, reason: 'alarm' });
    expect(s.consider({ ...base, at: 1000, hash: h(0xfe), confidences: [0.45] })).toEqual({ keep: false, reason: 'duplicate' });
    expect(s.consider({ ...base, at: 1500, hash: h(0xfe), confidences: [0.9], alarm: true })).toEqual({ keep: true, reason: 'alarm' }); // alarms always keep their frame
    expect(s.consider({ ...base, at: 2000, hash: h(0xff0000), confidences: [0.9] })).toEqual({ keep: false, reason: 'not_informative' });
    expect(s.consider({ ...base, at: 3000, hash: h(0xff0000), confidences: [0.55] })).toEqual({ keep: true, reason: 'near_threshold' });
    expect(s.consider({ ...base, at: 4000, hash: h(0xff00000000), confidences: [0.42] })).toEqual({ keep: true, reason: 'near_threshold' });
    expect(s.consider({ ...base, at: 5000, hash: h(0xff000000000000), confidences: [0.58] })).toEqual({ keep: false, reason: 'rate_limited' });
    // another camera has its own cap; an hour later the cap is free again
    expect(s.consider({ ...base, cameraId: 'c2', at: 5000, hash: h(0xff000000000000), confidences: [0.58] }).keep).toBe(true);
    expect(s.consider({ ...base, at: 3_700_000, hash: h(0xff000000000000), confidences: [0.58] }).keep).toBe(true);
  });
});
