/**
 * COCO detection export: `images`, `annotations` (`bbox: [x, y, w, h]` top-left pixels,
 * `area`, `iscrowd: 0`) and `categories` (ids 1..n for classes 0..n−1).
 */
import type { DatasetBox, DatasetItem } from './DatasetItem';

/** The COCO document of a dataset. */
export interface CocoDataset {
  images: { id: number; file_name: string; width: number; height: number }[];
  annotations: { id: number; image_id: number; category_id: number; bbox: [number, number, number, number]; area: number; iscrowd: 0; score?: number }[];
  categories: { id: number; name: string; supercategory: string }[];
}

const r2 = (v: number) => Math.round(v * 100) / 100;

/** Builds the COCO document. */
export function exportCoco(items: DatasetItem[], labels: readonly string[]): CocoDataset {
  const out: CocoDataset = { images: [], annotations: [], categories: labels.map((name, i) => ({ id: i + 1, name, supercategory: 'object' })) };
  items.forEach((item, i) => {
    out.images.push({ id: i + 1, file_name: item.fileName, width: item.width, height: item.height });
    for (const a of item.annotations) {
      const w = a.box.x2 - a.box.x1;
      const h = a.box.y2 - a.box.y1;
      out.annotations.push({ id: out.annotations.length + 1, image_id: i + 1, category_id: a.classId + 1, bbox: [r2(a.box.x1), r2(a.box.y1), r2(w), r2(h)], area: r2(w * h), iscrowd: 0 });
    }
  });
  return out;
}

/** Reads a COCO document back into dataset items (annotations only). */
export function parseCoco(doc: CocoDataset): DatasetItem[] {
  return doc.images.map((img) => ({
    fileName: img.file_name,
    width: img.width,
    height: img.height,
    annotations: doc.annotations
      .filter((a) => a.image_id === img.id)
      .map((a): DatasetBox => ({ classId: a.category_id - 1, box: { x1: a.bbox[0], y1: a.bbox[1], x2: a.bbox[0] + a.bbox[2], y2: a.bbox[1] + a.bbox[3] } })),
  }));
}
