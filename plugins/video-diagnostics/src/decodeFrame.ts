import sharp from 'sharp';

/** A decoded frame: 8-bit RGB, row-major, `width × height × 3` bytes. */
export interface RgbFrame {
  width: number;
  height: number;
  data: Uint8Array;
}

/** Width every frame is scaled to before measuring, so metrics and baselines do not depend on the stream resolution. */
export const ANALYSIS_WIDTH = 320;

/**
 * Decodes an encoded image (PNG, JPEG, ...) with sharp to raw RGB, honouring
 * EXIF orientation, scaled to {@link ANALYSIS_WIDTH} pixels wide.
 */
export async function decodeFrame(image: Buffer): Promise<RgbFrame> {
  const { data, info } = await sharp(image).autoOrient().resize({ width: ANALYSIS_WIDTH }).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}
