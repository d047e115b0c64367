/**
 * Perceptual difference hash (dHash): the upright image shrunk to 9×8 grey pixels, one bit
 * per horizontal neighbour pair (left brighter than right). Near-duplicate frames differ
 * in a few of the 64 bits; {@link hammingDistance} counts them.
 */
import { openUpright, type ImageInput } from '../image/preprocess';

/** 64-bit dHash as 16 hex digits. */
export async function dHash(image: ImageInput): Promise<string> {
  const px = await openUpright(image).greyscale().resize(9, 8, { fit: 'fill', kernel: 'linear' }).raw().toBuffer();
  let bits = 0n;
  for (let y = 0; y < 8; y++) {
    for (let x = 0; x < 8; x++) bits = (bits << 1n) | (px[y * 9 + x]! > px[y * 9 + x + 1]! ? 1n : 0n);
  }
  return bits.toString(16).padStart(16, '0');
}

/** Number of differing bits of two hashes. */
export function hammingDistance(a: string, b: string): number {
  let x = BigInt('0x' + a) ^ BigInt('0x' + b);
  let n = 0;
  while (x) {
    n += Number(x & 1n);
    x >>= 1n;
  }
  return n;
}
