import { describe, expect, it } from 'vitest';
import type { DatasetItem } from './DatasetItem';
import { exportCoco, parseCoco } from './exportCoco';
import { exportLabelStudio, parseLabelStudioRegions } from './exportLabelStudio';
import { exportYolo, parseDataYamlNames, parseYoloLabels } from './exportYolo';

const labels = ['安全帽 safehat', 'person', 'it\'s "quoted"'];
const items: DatasetItem[] = [
  {
    fileName: 'cam1-0001.jpg',
    width: 1280,
    height: 720,
    split: 'train',
    annotations: [
      { classId: 1, box: { x1: 320, y1: 168, x2: 384, y2: 232 } },
      { classId: 0, box: { x1: 100.5, y1: 20.25, x2: 140.5, y2: 60.75 } },
    ],
    predictions: [{ classId: 1, box: { x1: 321, y1: 170, x2: 385, y2: 230 }, score: 0.91 }],
  },
  { fileName: 'cam2-0002.png', width: 640, height: 480, split: 'val', annotations: [{ classId: 2, box: { x1: 0, y1: 0, x2: 640, y2: 480 } }] },
  { fileName: 'empty.jpg', width: 100, height: 100, annotations: [] },
];

const close = (a: { x1: number; y1: number; x2: number; y2: number }, b: typeof a, tol: number) =>
  expect(Math.max(Math.abs(a.x1 - b.x1), Math.abs(a.y1 - b.y1), Math.abs(a.x2 - b.x2), Math.abs(a.y2 - b.y2))).toBeLessThanOrEqual(tol);

describe('dataset exports', () => {
  it('YOLO: normalised cx cy w h per image and data.yaml names, parsed back', () => {
    const { files, imagePaths } = exportYolo(items, labels);
    expect(Object.keys(files).sort()).toEqual(['data.yaml', 'labels/train/cam1-0001.txt', 'labels/train/empty.txt', 'labels/val/cam2-0002.txt']);
    expect(files['labels/train/cam1-0001.txt']!.split('\n')[0]).toBe('1 0.275 0.277778 0.05 0.088889');
    expect(files['labels/train/empty.txt']).toBe('');
    expect(imagePaths['cam2-0002.png']).toBe('images/val/cam2-0002.png');
    expect(parseDataYamlNames(files['data.yaml']!)).toEqual(labels);
    items.forEach((item) => {
      const back = parseYoloLabels(files[`labels/${item.split ?? 'train'}/${item.fileName.replace(/\.\w+$/, '')}.txt`]!, item.width, item.height);
      expect(back.map((b) => b.classId)).toEqual(item.annotations.map((a) => a.classId));
      back.forEach((b, i) => close(b.box, item.annotations[i]!.box, 0.001 * item.width));
    });
  });

  it('COCO: bbox [x, y, w, h] top-left pixels, 1-based categories, parsed back', () => {
    const doc = JSON.parse(JSON.stringify(exportCoco(items, labels)));
    expect(doc.categories.map((c: { id: number; name: string }) => [c.id, c.name])).toEqual(labels.map((l, i) => [i + 1, l]));
    expect(doc.annotations[0]).toEqual({ id: 1, image_id: 1, category_id: 2, bbox: [320, 168, 64, 64], area: 4096, iscrowd: 0 });
    const back = parseCoco(doc);
    expect(back.map((b) => [b.fileName, b.width, b.height])).toEqual(items.map((i) => [i.fileName, i.width, i.height]));
    back.forEach((b, i) => b.annotations.forEach((a, j) => close(a.box, items[i]!.annotations[j]!.box, 0.01)));
  });

  it('Label Studio: percent coordinates with original size, predictions with score, parsed back', () => {
    const tasks = JSON.parse(JSON.stringify(exportLabelStudio(items, labels, 'helmet@3', (f) => `/data/local-files/?d=${f}`)));
    expect(tasks).toHaveLength(3);
    const region = tasks[0].annotations[0].result[0];
    expect(region).toMatchObject({ type: 'rectanglelabels', original_width: 1280, original_height: 720, value: { x: 25, y: 23.3333, width: 5, height: 8.8889, rectanglelabels: ['person'] } });
    expect(tasks[0].predictions[0]).toMatchObject({ model_version: 'helmet@3', score: 0.91 });
    expect(tasks[0].predictions[0].result[0].score).toBe(0.91);
    expect(tasks[2]).toMatchObject({ annotations: [], predictions: [] });
    const back = parseLabelStudioRegions(tasks[0].annotations[0].result, labels);
    back.forEach((b, i) => close(b.box, items[0]!.annotations[i]!.box, 0.01));
    expect(parseLabelStudioRegions(tasks[0].predictions[0].result, labels)[0]).toMatchObject({ classId: 1, score: 0.91 });
  });
});
