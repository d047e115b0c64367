import { describe, expect, it } from 'vitest';
import { averagePrecision, compareEvaluations, evaluateMap, type EvalBox } from './evaluateMap';

const b = (imageId: string, x: number, score?: number, classId = 0): EvalBox => ({ imageId, classId, box: { x1: x, y1: 0, x2: x + 10, y2: 10 }, score });

describe('evaluateMap', () => {
  // AI.md's hand-checked case: 2 ground-truth boxes, predictions ranked TP, FP, TP.
  // Recall/precision: (0.5, 1), (0.5, 0.5), (1, 2/3). All-point: 0.5·1 + 0.5·2/3 = 0.8333.
  // 101 points: 51 recall points ≤ 0.5 at precision 1, 50 above at 2/3 → (51 + 33.33)/101 = 0.8350.
  const gt = [b('a', 0), b('b', 100)];
  const preds = [b('a', 0, 0.9), b('a', 50, 0.8), b('b', 101, 0.7)];

  it('equals the hand-computed AP (0.8350 with 101 points, 0.8333 all-point)', () => {
    expect(averagePrecision(gt, preds, 0.5).toFixed(4)).toBe('0.8350');
    expect(averagePrecision(gt, preds, 0.5, 'all').toFixed(4)).toBe('0.8333');
    const r = evaluateMap(gt, preds);
    expect(r.map50.toFixed(4)).toBe('0.8350');
    // the third box (IoU 9/11 = 0.818) is a TP up to threshold 0.80, an FP from 0.85:
    // thresholds 0.5..0.8 (7) → 0.8350; 0.85..0.95 (3) → only the first TP: recall 0.5 → 51/101
    const expected = (7 * (84 + 1 / 3) / 101 + (3 * 51) / 101) / 10;
    expect(r.map50_95).toBeCloseTo(expected, 10);
    expect(r.perClass).toEqual([{ classId: 0, ap50: r.map50, ap50_95: r.map50_95, groundTruth: 2, predictions: 3 }]);
  });

  it('is 1 for perfect predictions, 0 without, matches each ground truth once and averages over classes', () => {
    expect(evaluateMap(gt, [b('a', 0, 0.9), b('b', 100, 0.8)]).map50).toBe(1);
    expect(evaluateMap(gt, []).map50).toBe(0);
    // a duplicate of a matched box is a false positive
    expect(averagePrecision([b('a', 0)], [b('a', 0, 0.9), b('a', 0, 0.8)], 0.5)).toBe(1);
    expect(averagePrecision([b('a', 0), b('a', 40)], [b('a', 0, 0.9), b('a', 0, 0.8), b('a', 40, 0.7)], 0.5, 'all')).toBeCloseTo(0.5 + 0.5 * (2 / 3), 10);
    const two = evaluateMap([...gt, b('a', 200, undefined, 1)], [...preds, b('a', 300, 0.9, 1)]);
    expect(two.perClass.map((c) => c.ap50)).toEqual([two.perClass[0]!.ap50, 0]);
    expect(two.map50).toBeCloseTo(0.835 / 2, 3);
    const cmp = compareEvaluations(evaluateMap(gt, [b('a', 0, 0.9), b('b', 100, 0.8)]), evaluateMap(gt, preds));
    expect(cmp.map50Delta).toBeCloseTo(1 - 84.3333333 / 101, 6);
    expect(cmp.perClass[0]).toMatchObject({ classId: 0, ap50: 1 });
  });
});
