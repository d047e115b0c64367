import { fitWithin, stampLines } from './fitWithin';

/** Options of {@link compressImage}. */
export interface CompressOptions {
  /** Longer side after scaling (default 1600). */
  maxSide?: number;
  /** JPEG quality 0.1–1 (default 0.8). */
  quality?: number;
  /** Draw a time (and position) stamp in the lower left corner. */
  stamp?: { at: Date; position?: { lat: number; lng: number; accuracy?: number } };
}

async function decode(file: Blob): Promise<{ source: CanvasImageSource; width: number; height: number; close(): void }> {
  if (typeof createImageBitmap === 'function') {
    const bmp = await createImageBitmap(file, { imageOrientation: 'from-image' } as ImageBitmapOptions);
    return { source: bmp, width: bmp.width, height: bmp.height, close: () => bmp.close() };
  }
  const url = URL.createObjectURL(file);
  const img = new Image();
  img.src = url;
  await img.decode();
  return { source: img, width: img.naturalWidth, height: img.naturalHeight, close: () => URL.revokeObjectURL(url) };
}

/**
 * Re-encodes a camera photo on the phone before upload: scaled so the longer
 * side is ≤ `maxSide` (default 1600 px), JPEG, with an optional time /
 * position stamp drawn onto the picture (so it survives any later copy).
 */
export async function compressImage(file: Blob, opts: CompressOptions = {}): Promise<Blob> {
  const img = await decode(file);
  try {
    const size = fitWithin(img.width, img.height, opts.maxSide ?? 1600);
    const canvas = document.createElement('canvas');
    canvas.width = size.width;
    canvas.height = size.height;
    const g = canvas.getContext('2d');
    if (!g) throw new Error('canvas 2d context unavailable');
    g.drawImage(img.source, 0, 0, size.width, size.height);
    if (opts.stamp) {
      const lines = stampLines(opts.stamp.at, opts.stamp.position);
      const fontPx = Math.max(14, Math.round(Math.min(size.width, size.height) / 28));
      g.font = `${fontPx}px sans-serif`;
      const pad = Math.round(fontPx / 2);
      const boxH = lines.length * (fontPx + pad) + pad;
      const boxW = Math.max(...lines.map((l) => g.measureText(l).width)) + pad * 2;
      g.fillStyle = 'rgba(0,0,0,0.45)';
      g.fillRect(0, size.height - boxH, boxW, boxH);
      g.fillStyle = '#fff';
      g.textBaseline = 'top';
      lines.forEach((l, i) => g.fillText(l, pad, size.height - boxH + pad + i * (fontPx + pad)));
    }
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('image encoding failed'))), 'image/jpeg', opts.quality ?? 0.8),
    );
  } finally {
    img.close();
  }
}
