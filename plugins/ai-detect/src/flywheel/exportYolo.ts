/**
 * YOLO (Ultralytics) dataset export: one `labels/<split>/<stem>.txt` per image with
 * `class cx cy w h` normalised to [0, 1], images under `images/<split>/`, and `data.yaml`
 * with `names`. {@link parseYoloLabels} and {@link parseDataYamlNames} read them back.
 */
import type { DatasetBox, DatasetItem } from './DatasetItem';

const stem = (fileName: string) => fileName.replace(/\.[^./]+$/, '');
const f6 = (v: number) => Number(v.toFixed(6)).toString();

/** The label file of one image. */
export function yoloLabelText(item: DatasetItem): string {
  return item.annotations
    .map((a) => {
      const w = (a.box.x2 - a.box.x1) / item.width;
      const h = (a.box.y2 - a.box.y1) / item.height;
      const cx = (a.box.x1 + a.box.x2) / 2 / item.width;
      const cy = (a.box.y1 + a.box.y2) / 2 / item.height;
      return `${a.classId} ${f6(cx)} ${f6(cy)} ${f6(w)} ${f6(h)}`;
    })
    .join('\n') + (item.annotations.length ? '\n' : '');
}

/** YAML double-quoted string (names may hold Chinese, spaces or quotes). */
function yamlString(s: string): string {
  return '"' + s.replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"';
}

/** `data.yaml` of the dataset. */
export function dataYaml(labels: readonly string[]): string {
  return ['path: .', 'train: images/train', 'val: images/val', `nc: ${labels.length}`, 'names:', ...labels.map((l, i) => `  ${i}: ${yamlString(l)}`)].join('\n') + '\n';
}

/** Every text file of the export, by relative path (images are copied by the caller to `imagePath`). */
export function exportYolo(items: DatasetItem[], labels: readonly string[]): { files: Record<string, string>; imagePaths: Record<string, string> } {
  const files: Record<string, string> = { 'data.yaml': dataYaml(labels) };
  const imagePaths: Record<string, string> = {};
  for (const item of items) {
    const split = item.split ?? 'train';
    files[`labels/${split}/${stem(item.fileName)}.txt`] = yoloLabelText(item);
    imagePaths[item.fileName] = `images/${split}/${item.fileName}`;
  }
  return { files, imagePaths };
}

/** Reads a label file back into pixel boxes of a `width` × `height` image. */
export function parseYoloLabels(text: string, width: number, height: number): DatasetBox[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line) => {
      const [c, cx, cy, w, h] = line.split(/\s+/).map(Number) as [number, number, number, number, number];
      return { classId: c, box: { x1: (cx - w / 2) * width, y1: (cy - h / 2) * height, x2: (cx + w / 2) * width, y2: (cy + h / 2) * height } };
    });
}

/** Reads the `names` map of a `data.yaml` written by {@link dataYaml}. */
export function parseDataYamlNames(text: string): string[] {
  const names: string[] = [];
  let inNames = false;
  for (const line of text.split('\n')) {
    if (/^names:\s*$/.test(line)) {
      inNames = true;
      continue;
    }
    if (inNames) {
      const m = /^\s+(\d+):\s*"((?:[^"\\]|\\.)*)"\s*$/.exec(line);
      if (!m) break;
      names[Number(m[1])] = m[2]!.replace(/\\(.)/g, '$1');
    }
  }
  return names;
}
