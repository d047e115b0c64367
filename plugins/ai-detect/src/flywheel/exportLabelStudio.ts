/**
 * Label Studio import format: one task per image with `data.image`, the confirmed boxes
 * as an annotation and the model's pre-annotation as `predictions` (with `score`), every
 * region in percent of `original_width` / `original_height` (RectangleLabels named
 * `label` on the image control `image`).
 */
import type { DatasetBox, DatasetItem } from './DatasetItem';

/** One rectangle region. */
export interface LabelStudioRegion {
  id: string;
  type: 'rectanglelabels';
  from_name: 'label';
  to_name: 'image';
  original_width: number;
  original_height: number;
  image_rotation: 0;
  value: { x: number; y: number; width: number; height: number; rotation: 0; rectanglelabels: string[] };
  score?: number;
}

/** One task. */
export interface LabelStudioTask {
  data: { image: string };
  annotations: { result: LabelStudioRegion[] }[];
  predictions: { model_version: string; score: number; result: LabelStudioRegion[] }[];
}

const pct = (v: number, of: number) => Math.round((v / of) * 100 * 1e4) / 1e4;

function regions(item: DatasetItem, boxes: DatasetBox[], labels: readonly string[], prefix: string): LabelStudioRegion[] {
  return boxes.map((b, i) => ({
    id: `${prefix}${i + 1}`,
    type: 'rectanglelabels',
    from_name: 'label',
    to_name: 'image',
    original_width: item.width,
    original_height: item.height,
    image_rotation: 0,
    value: {
      x: pct(b.box.x1, item.width),
      y: pct(b.box.y1, item.height),
      width: pct(b.box.x2 - b.box.x1, item.width),
      height: pct(b.box.y2 - b.box.y1, item.height),
      rotation: 0,
      rectanglelabels: [labels[b.classId] ?? String(b.classId)],
    },
    ...(b.score !== undefined ? { score: b.score } : {}),
  }));
}

/** Builds the tasks; `imageUrl` maps a file name to the URL Label Studio loads. */
export function exportLabelStudio(items: DatasetItem[], labels: readonly string[], modelVersion: string, imageUrl: (fileName: string) => string): LabelStudioTask[] {
  return items.map((item) => {
    const preds = item.predictions ?? [];
    return {
      data: { image: imageUrl(item.fileName) },
      annotations: item.annotations.length ? [{ result: regions(item, item.annotations, labels, 'a') }] : [],
      predictions: preds.length
        ? [{ model_version: modelVersion, score: Math.min(...preds.map((p) => p.score ?? 0)), result: regions(item, preds, labels, 'p') }]
        : [],
    };
  });
}

/** Reads regions back into pixel boxes. */
export function parseLabelStudioRegions(result: LabelStudioRegion[], labels: readonly string[]): DatasetBox[] {
  return result.map((r) => {
    const w = r.original_width;
    const h = r.original_height;
    const x1 = (r.value.x / 100) * w;
    const y1 = (r.value.y / 100) * h;
    return {
      classId: labels.indexOf(r.value.rectanglelabels[0]!),
      box: { x1, y1, x2: x1 + (r.value.width / 100) * w, y2: y1 + (r.value.height / 100) * h },
      ...(r.score !== undefined ? { score: r.score } : {}),
    };
  });
}
