/** Reads a QR code from image pixels with jsqr (loaded on first use). */
export async function decodeQrFromImageData(data: ImageData): Promise<string | undefined> {
  const { default: jsQR } = await import('jsqr');
  return jsQR(data.data, data.width, data.height, { inversionAttempts: 'attemptBoth' })?.data ?? undefined;
}

/** Reads a QR code from a picture file (a photo of the printed code). */
export async function decodeQrFromFile(file: Blob): Promise<string | undefined> {
  const bmp = await createImageBitmap(file);
  try {
    const scale = Math.min(1, 1200 / Math.max(bmp.width, bmp.height));
    const w = Math.max(1, Math.round(bmp.width * scale));
    const h = Math.max(1, Math.round(bmp.height * scale));
    const canvas = document.createElement('canvas');
    canvas.width = w;
    canvas.height = h;
    const g = canvas.getContext('2d', { willReadFrequently: true })!;
    g.drawImage(bmp, 0, 0, w, h);
    return await decodeQrFromImageData(g.getImageData(0, 0, w, h));
  } finally {
    bmp.close();
  }
}
