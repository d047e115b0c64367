import type { Box } from '../decode/Detection';

/** A box of a dataset image: ground truth (people's) or a prediction (with score). */
export interface DatasetBox {
  classId: number;
  box: Box;
  score?: number;
}

/** One image of a dataset version, its size, its confirmed boxes and the model's pre-annotation. */
export interface DatasetItem {
  /** File name in the exported dataset (e.g. `cam1-20261203T0700.jpg`). */
  fileName: string;
  width: number;
  height: number;
  annotations: DatasetBox[];
  predictions?: DatasetBox[];
  /** Which split the image belongs to. */
  split?: 'train' | 'val';
}
