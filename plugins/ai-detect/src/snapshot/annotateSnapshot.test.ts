import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { syntheticPng } from '../testModels/syntheticFrame';
import { annotateSnapshot, escapeXml, overlaySvg } from './annotateSnapshot';

describe('annotateSnapshot', () => {
  it('escapes labels and never lets text or colours become markup', () => {
    const svg = overlaySvg(100, 100, [{ classId: 0, confidence: 0.5, label: '<script>alert(1)</script>&"', box: { x1: 10, y1: 10, x2: 50, y2: 50 }, colour: '"/><script>' }]);
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot; 50%');
    expect(svg).toContain('stroke="#ff3b30"');
    expect(escapeXml(`a'b`)).toBe('a&apos;b');
  });

  it('draws the box in the box colour on the picture (JPEG of the upright size)', async () => {
    const png = await syntheticPng(320, 240, []);
    const { jpeg, width, height } = await annotateSnapshot(png, [{ classId: 0, confidence: 0.9, label: '人 person', colour: '#00ff00', box: { x1: 100, y1: 80, x2: 200, y2: 160 } }]);
    expect([width, height]).toEqual([320, 240]);
    const { data, info } = await sharp(jpeg).raw().toBuffer({ resolveWithObject: true });
    expect(info.format).toBe('raw');
    const at = (x: number, y: number) => Array.from(data.subarray((y * 320 + x) * 3, (y * 320 + x) * 3 + 3));
    const [r, g, b] = at(150, 80); // on the top edge of the box
    expect(g).toBeGreaterThan(180);
    expect(r).toBeLessThan(90);
    expect(b).toBeLessThan(90);
    expect(at(150, 120).every((v) => Math.abs(v - 114) < 8)).toBe(true); // inside stays grey
  });
});
