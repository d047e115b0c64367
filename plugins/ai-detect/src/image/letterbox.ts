/**
 * Letterbox maths of the Ultralytics family (AI.md): scale by r = min(S/h, S/w),
 * resize to round(w·r) × round(h·r), pad centred with grey 114 (top = round(dh − 0.1),
 * bottom = round(dh + 0.1), same for left/right); the inverse maps boxes back.
 */
import type { Box, Detection } from '../decode/Detection';

/** Geometry of one letterboxed image. */
export interface Letterbox {
  /** Original (upright) image size. */
  width: number;
  height: number;
  /** Square model input size. */
  size: number;
  ratio: number;
  newWidth: number;
  newHeight: number;
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** Letterbox of a `width` × `height` image into a `size` × `size` input. */
export function computeLetterbox(width: number, height: number, size: number): Letterbox {
  const ratio = Math.min(size / height, size / width);
  const newWidth = Math.round(width * ratio);
  const newHeight = Math.round(height * ratio);
  const dw = (size - newWidth) / 2;
  const dh = (size - newHeight) / 2;
  return {
    width,
    height,
    size,
    ratio,
    newWidth,
    newHeight,
    top: Math.round(dh - 0.1) + 0,
    bottom: Math.round(dh + 0.1) + 0,
    left: Math.round(dw - 0.1) + 0,
    right: Math.round(dw + 0.1) + 0,
  };
}

/** Maps a box from model-input pixels back to the original image, clipped to it. */
export function unletterboxBox(box: Box, lb: Letterbox): Box {
  const clipX = (v: number) => Math.min(Math.max(v, 0), lb.width);
  const clipY = (v: number) => Math.min(Math.max(v, 0), lb.height);
  return {
    x1: clipX((box.x1 - lb.left) / lb.ratio),
    y1: clipY((box.y1 - lb.top) / lb.ratio),
    x2: clipX((box.x2 - lb.left) / lb.ratio),
    y2: clipY((box.y2 - lb.top) / lb.ratio),
  };
}

/** {@link unletterboxBox} over detections, dropping boxes that end up empty. */
export function unletterbox(detections: Detection[], lb: Letterbox): Detection[] {
  return detections
    .map((d) => ({ ...d, box: unletterboxBox(d.box, lb) }))
    .filter((d) => d.box.x2 > d.box.x1 && d.box.y2 > d.box.y1);
}
