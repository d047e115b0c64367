const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * Splits ffmpeg's `image2pipe` PNG output (PNG files back to back) into the
 * single images, walking the chunks (length, type, data, CRC) to each IEND.
 * A truncated last image is dropped.
 */
export function splitPngStream(data: Buffer): Buffer[] {
  const images: Buffer[] = [];
  let start = 0;
  while (start + SIGNATURE.length <= data.length && data.subarray(start, start + 8).equals(SIGNATURE)) {
    let p = start + 8;
    let ended = false;
    while (p + 12 <= data.length) {
      const len = data.readUInt32BE(p);
      const type = data.toString('latin1', p + 4, p + 8);
      p += 12 + len;
      if (type === 'IEND') {
        ended = true;
        break;
      }
    }
    if (!ended || p > data.length) break;
    images.push(data.subarray(start, p));
    start = p;
  }
  return images;
}
