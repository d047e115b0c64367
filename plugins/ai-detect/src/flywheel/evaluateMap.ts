/**
 * COCO-style detection evaluation: per class, detections of all images ranked by score
 * (at most `maxDetections` per image), each matched greedily to the unmatched ground truth
 * box of the same class with the highest IoU ≥ t; precision made monotone from the right;
 * AP = mean precision at the 101 recall points 0, 0.01, …, 1 (COCO) — or the all-point
 * area (VOC 2010+) for comparison. mAP@0.5 and mAP@0.5:0.95 average over the classes
 * that have ground truth.
 */
import { type Box, iou } from '../decode/Detection';

/** A ground-truth or predicted box of one image. */
export interface EvalBox {
  imageId: string;
  classId: number;
  box: Box;
  /** Predictions only. */
  score?: number;
}

/** Result of one evaluation. */
export interface MapResult {
  map50: number;
  map50_95: number;
  perClass: { classId: number; ap50: number; ap50_95: number; groundTruth: number; predictions: number }[];
}

/** IoU thresholds of mAP@0.5:0.95. */
export const COCO_IOU_THRESHOLDS = Array.from({ length: 10 }, (_, i) => Math.round((0.5 + 0.05 * i) * 100) / 100);

/** Average precision of one class at one IoU threshold. */
export function averagePrecision(
  groundTruth: EvalBox[],
  predictions: EvalBox[],
  iouThreshold: number,
  interpolation: '101' | 'all' = '101',
  maxDetections = 100,
): number {
  if (groundTruth.length === 0) return NaN;
  const gtByImage = new Map<string, EvalBox[]>();
  for (const g of groundTruth) gtByImage.set(g.imageId, [...(gtByImage.get(g.imageId) ?? []), g]);
  const perImage = new Map<string, EvalBox[]>();
  for (const p of predictions) perImage.set(p.imageId, [...(perImage.get(p.imageId) ?? []), p]);
  const ranked: EvalBox[] = [];
  for (const list of perImage.values()) ranked.push(...[...list].sort((a, b) => (b.score ?? 0) - (a.score ?? 0)).slice(0, maxDetections));
  ranked.sort((a, b) => (b.score ?? 0) - (a.score ?? 0));

  const matched = new Set<EvalBox>();
  const tp: number[] = [];
  for (const p of ranked) {
    let best: EvalBox | undefined;
    let bestIou = iouThreshold;
    for (const g of gtByImage.get(p.imageId) ?? []) {
      if (matched.has(g)) continue;
      const v = iou(p.box, g.box);
      if (v >= bestIou) {
        bestIou = v;
        best = g;
      }
    }
    if (best) matched.add(best);
    tp.push(best ? 1 : 0);
  }
  const recall: number[] = [];
  const precision: number[] = [];
  let ctp = 0;
  tp.forEach((t, i) => {
    ctp += t;
    recall.push(ctp / groundTruth.length);
    precision.push(ctp / (i + 1));
  });
  for (let i = precision.length - 2; i >= 0; i--) precision[i] = Math.max(precision[i]!, precision[i + 1]!);

  if (interpolation === 'all') {
    let ap = 0;
    let prevRecall = 0;
    recall.forEach((r, i) => {
      ap += (r - prevRecall) * precision[i]!;
      prevRecall = r;
    });
    return ap;
  }
  let sum = 0;
  for (let k = 0; k <= 100; k++) {
    const rt = k / 100;
    const idx = recall.findIndex((r) => r >= rt - 1e-12);
    sum += idx === -1 ? 0 : precision[idx]!;
  }
  return sum / 101;
}

/** mAP@0.5 and mAP@0.5:0.95 over all classes with ground truth, and per class. */
export function evaluateMap(groundTruth: EvalBox[], predictions: EvalBox[], interpolation: '101' | 'all' = '101'): MapResult {
  const classIds = [...new Set(groundTruth.map((g) => g.classId))].sort((a, b) => a - b);
  const perClass = classIds.map((classId) => {
    const g = groundTruth.filter((x) => x.classId === classId);
    const p = predictions.filter((x) => x.classId === classId);
    const aps = COCO_IOU_THRESHOLDS.map((t) => averagePrecision(g, p, t, interpolation));
    return { classId, ap50: aps[0]!, ap50_95: aps.reduce((a, b) => a + b, 0) / aps.length, groundTruth: g.length, predictions: p.length };
  });
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  return { map50: mean(perClass.map((c) => c.ap50)), map50_95: mean(perClass.map((c) => c.ap50_95)), perClass };
}

/** Per-class comparison of a candidate model's evaluation with the current one's. */
export function compareEvaluations(candidate: MapResult, current: MapResult) {
  const cur = new Map(current.perClass.map((c) => [c.classId, c]));
  return {
    map50Delta: candidate.map50 - current.map50,
    map50_95Delta: candidate.map50_95 - current.map50_95,
    perClass: candidate.perClass.map((c) => ({
      classId: c.classId,
      ap50: c.ap50,
      currentAp50: cur.get(c.classId)?.ap50 ?? null,
      ap50Delta: cur.has(c.classId) ? c.ap50 - cur.get(c.classId)!.ap50 : null,
      ap50_95Delta: cur.has(c.classId) ? c.ap50_95 - cur.get(c.classId)!.ap50_95 : null,
    })),
  };
}
