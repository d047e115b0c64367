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

/** Letterboxes `input` into a `size` × `size` CHW float32 tensor. */
export async function preprocess(input: ImageInput, size: number): Promise<Preprocessed> {
  const { width, height } = await uprightSize(input);
  const lb = computeLetterbox(width, height, size);
  let data: Buffer;
  try {
    data = await openUpright(input)
      .removeAlpha()
      .resize(lb.newWidth, lb.newHeight, { kernel: 'linear', fit: 'fill' })
      .extend({ top: lb.top, bottom: lb.bottom, left: lb.left, right: lb.right, background: { r: 114, g: 114, b: 114 } })
      .raw()
      .toBuffer();
  } catch (err) {
    throw new SafeFlowAiError('detect.image_unreadable', 'The image could not be decoded', { reason: (err as Error).message });
  }
  return { tensor: hwcToChw(data, size), letterbox: lb };
}

/** Interleaved RGB bytes → planar float32 / 255. */
export function hwcToChw(rgb: Uint8Array, size: number): Float32Array {
  const plane = size * size;
  const out = new Float32Array(3 * plane);
  const k = 1 / 255;
  for (let i = 0, j = 0; i < plane; i++, j += 3) {
    out[i] = rgb[j]! * k;
    out[plane + i] = rgb[j + 1]! * k;
    out[2 * plane + i] = rgb[j + 2]! * k;
  }
  return out;
}
