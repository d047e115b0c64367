import { describe, expect, it } from 'vitest';
import { decodeFrame } from './decodeFrame';
import { frozenAcrossChecks } from './frozenAcrossChecks';
import { pictureSignature, signatureDiff } from './pictureSignature';
import { cleanFrame } from './testFrames';
import { DEFAULT_THRESHOLDS } from './thresholds';

const MIN = 60_000;

describe('picture signatures and the frozen check across checks', () => {
  it('gives a repeated picture the same signature and two live frames of one scene different ones', async () => {
    // given the same frame twice, and a second live frame (other sensor noise) of the same scene
    const [a, again, live] = await Promise.all([cleanFrame(1), cleanFrame(1), cleanFrame(2)].map(async (p) => decodeFrame(await p)));
    // when
    const sa = pictureSignature(a!);
    // then
    expect(sa).toMatch(/^80:/);
    expect(signatureDiff(sa, pictureSignature(again!))).toBe(0);
    const liveDiff = signatureDiff(sa, pictureSignature(live!));
    expect(liveDiff).toBeGreaterThan(DEFAULT_THRESHOLDS.frozenSignatureMaxDiff);
    expect(liveDiff).toBeLessThan(5);
    expect(signatureDiff(sa, '40:AAAA')).toBe(Infinity);
  });

  it('flags frozen only once consecutive checks saw the same picture for frozenAfterMs; a change starts over', () => {
    // given a 10-minute limit and two signatures
    const t = { frozenSignatureMaxDiff: 0.25, frozenAfterMs: 10 * MIN };
    const still = `2:${Buffer.from([10, 200]).toString('base64')}`;
    const moved = `2:${Buffer.from([60, 150]).toString('base64')}`;
    // when the same picture is seen at 0, 6 and 12 minutes
    const first = frozenAcrossChecks(null, still, 0, t);
    const second = frozenAcrossChecks(first.next, still, 6 * MIN, t);
    const third = frozenAcrossChecks(second.next, still, 12 * MIN, t);
    // then only the third is frozen, 12 minutes in
    expect([first.frozen, second.frozen, third.frozen]).toEqual([false, false, true]);
    expect(third.frozenForMs).toBe(12 * MIN);
    expect(third.next).toEqual({ signature: still, since: 0, at: 12 * MIN });
    // when the picture changes, the run starts over
    const changed = frozenAcrossChecks(third.next, moved, 13 * MIN, t);
    expect(changed).toEqual({ next: { signature: moved, since: 13 * MIN, at: 13 * MIN }, frozenForMs: 0, frozen: false });
  });
});
