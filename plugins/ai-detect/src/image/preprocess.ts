/**
 * Image → model input: EXIF orientation applied (sharp `autoOrient`), letterboxed
 * (linear resize, grey-114 padding), RGB, CHW float32 in [0, 1] (÷255, no mean/std).
 */
import sharp, { type Metadata, type Sharp } from 'sharp';
import { SafeFlowAiError } from '../errors';
import { computeLetterbox, type Letterbox } from './letterbox';

/** An undecoded RGB frame (e.g. from ffmpeg `-f rawvideo -pix_fmt rgb24`). */
export interface RawFrame {
  data: Uint8Array;
  width: number;
  height: number;
  channels: 3 | 4;
}

/** What the pipeline accepts: an encoded image (JPEG, PNG, WebP, ...) or a raw frame. */
export type ImageInput = Uint8Array | RawFrame;

/** The model input of one image and the letterbox that produced it. */
export interface Preprocessed {
  tensor: Float32Array;
  letterbox: Letterbox;
}

/** Upright size of an image (EXIF orientations 5–8 swap width and height). */
export async function uprightSize(input: ImageInput): Promise<{ width: number; height: number }> {
  if (!(input instanceof Uint8Array)) return { width: input.width, height: input.height };
  const meta = await readMetadata(input);
  const swap = (meta.orientation ?? 1) >= 5;
  return swap ? { width: meta.height!, height: meta.width! } : { width: meta.width!, height: meta.height! };
}

async function readMetadata(input: Uint8Array): Promise<Metadata> {
  try {
    const meta = await sharp(input).metadata();
    if (!meta.width || !meta.height) throw new Error('no size');
    return meta;
  } catch (err) {
    throw new SafeFlowAiError('detect.image_unreadable', 'The image could not be decoded', { reason: (err as Error).message });
  }
}

/** Opens `input` in sharp, upright. */
export function openUpright(input: ImageInput): Sharp {
  if (input instanceof Uint8Array) return sharp(input, { failOn: 'error' }).autoOrient();
  return sharp(input.data, { raw: { width: input.width, height: input.height, channels: input.channels } });
}

/**
 * Letterboxes `input` into a `size` × `size` CHW float32 tensor. One decode (the header is
 * read on the same sharp instance; `autoOrient` only when EXIF asks for it); the resized
 * pixels are written straight into their place in the tensor and only the padding is
 * filled with grey 114 (no padded copy). `into` (3·size² floats) is reused when given: a
 * session that runs one image at a time keeps one tensor.
 */
export async function preprocess(input: ImageInput, size: number, into?: Float32Array): Promise<Preprocessed> {
  let img: Sharp;
  let width: number;
  let height: number;
  if (input instanceof Uint8Array) {
    img = sharp(input, { failOn: 'error' });
    let meta: Metadata;
    try {
      meta = await img.metadata();
    } catch (err) {
      throw new SafeFlowAiError('detect.image_unreadable', 'The image could not be decoded', { reason: (err as Error).message });
    }
    if (!meta.width || !meta.height) throw new SafeFlowAiError('detect.image_unreadable', 'The image could not be decoded', { reason: 'no size' });
    const orientation = meta.orientation ?? 1;
    if (orientation !== 1) img = img.autoOrient();
    [width, height] = orientation >= 5 ? [meta.height, meta.width] : [meta.width, meta.height];
  } else {
    img = openUpright(input);
    ({ width, height } = input);
  }
  const lb = computeLetterbox(width, height, size);
  let data: Buffer;
  try {
    data = await img.removeAlpha().resize(lb.newWidth, lb.newHeight, { kernel: 'linear', fit: 'fill' }).raw().toBuffer();
  } catch (err) {
    throw new SafeFlowAiError('detect.image_unreadable', 'The image could not be decoded', { reason: (err as Error).message });
  }
  const tensor = into && into.length === 3 * size * size ? into : new Float32Array(3 * size * size);
  placeLetterboxed(data, lb, tensor);
  return { tensor, letterbox: lb };
}

/** Grey 114 as the model sees it. */
const PAD = 114 / 255;

/**
 * Writes `rgb` (interleaved, `newWidth` × `newHeight`) into the planar tensor at the
 * letterbox's offset and fills the padding around it with grey 114.
 */
export function placeLetterboxed(rgb: Uint8Array, lb: Letterbox, out: Float32Array): void {
  const { size, newWidth: w, newHeight: h, top, left } = lb;
  const plane = size * size;
  for (let c = 0; c < 3; c++) {
    const p = out.subarray(c * plane, (c + 1) * plane);
    p.fill(PAD, 0, top * size);
    p.fill(PAD, (top + h) * size, plane);
    if (w === size) continue;
    for (let y = top; y < top + h; y++) {
      const row = y * size;
      p.fill(PAD, row, row + left);
      p.fill(PAD, row + left + w, row + size);
    }
  }
  const g = plane;
  const b = 2 * plane;
  const k = 1 / 255;
  for (let y = 0, j = 0; y < h; y++) {
    let i = (top + y) * size + left;
    for (let x = 0; x < w; x++, i++, j += 3) {
      out[i] = rgb[j]! * k;
      out[g + i] = rgb[j + 1]! * k;
      out[b + i] = rgb[j + 2]! * k;
    }
  }
}
