/**
 * A dataset version packed as one zip: the images (the samples' stored frames) and the
 * annotations in the chosen format — YOLO (`images/<split>/`, `labels/<split>/*.txt`,
 * `data.yaml`), COCO (`images/`, `annotations.json`) or Label Studio (`images/`,
 * `tasks.json` with image paths relative to the archive) — plus `manifest.json`.
 */
import fs from 'node:fs';
import { exportCoco, exportLabelStudio, exportYolo, type DatasetItem } from '@safeflow/plugin-ai-detect';
import JSZip from 'jszip';
import type { AppDeps } from '../app/AppDeps';
import type { FileStorage } from '../files/FileStorage';

/** Export formats of a dataset archive. */
export const ARCHIVE_FORMATS = ['yolo', 'coco', 'labelstudio'] as const;
export type ArchiveFormat = (typeof ARCHIVE_FORMATS)[number];

/** The dataset version being packed (already scope-checked by the caller). */
export interface ArchivedDataset {
  key: string;
  version: number;
  labels: string[];
  items: DatasetItem[];
}

const fileIdOf = (fileName: string) => fileName.replace(/\.jpg$/, '');

/** Packs `d` as a zip (DEFLATE); images whose stored file is gone are listed in the manifest's `missingImages`. */
export async function datasetArchive(deps: Pick<AppDeps, 'db'>, storage: FileStorage, d: ArchivedDataset, format: ArchiveFormat): Promise<Buffer> {
  const zip = new JSZip();
  const imagePath: Record<string, string> = {};
  if (format === 'yolo') {
    const y = exportYolo(d.items, d.labels);
    for (const [p, text] of Object.entries(y.files)) zip.file(p, text);
    Object.assign(imagePath, y.imagePaths);
  } else {
    for (const item of d.items) imagePath[item.fileName] = `images/${item.fileName}`;
    if (format === 'coco') zip.file('annotations.json', JSON.stringify(exportCoco(d.items, d.labels), null, 1));
    else zip.file('tasks.json', JSON.stringify(exportLabelStudio(d.items, d.labels, `${d.key}@${d.version}`, (f) => imagePath[f]!), null, 1));
  }
  const missingImages: string[] = [];
  for (const item of d.items) {
    const [row] = await deps.db.query<{ storage_key: string }>('SELECT storage_key FROM file WHERE id = ?', [fileIdOf(item.fileName)]);
    const file = row ? storage.pathOf(row.storage_key) : null;
    if (!file || !fs.existsSync(file)) {
      missingImages.push(item.fileName);
      continue;
    }
    zip.file(imagePath[item.fileName]!, fs.readFileSync(file), { compression: 'STORE' }); // JPEGs do not deflate
  }
  zip.file('manifest.json', JSON.stringify({ dataset: d.key, version: d.version, format, labels: d.labels, images: d.items.length - missingImages.length, missingImages }, null, 1));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}
