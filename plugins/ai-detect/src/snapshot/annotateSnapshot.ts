/**
 * The annotated snapshot of a detection: the upright picture as JPEG with each box drawn
 * by an SVG overlay composited by sharp. The SVG is built from numbers only (coordinates
 * rounded, colours validated as #rrggbb) and every label is XML-escaped, so no model label
 * or definition text can inject markup.
 */
import sharp from 'sharp';
import type { Detection } from '../decode/Detection';
import { openUpright, uprightSize, type ImageInput } from '../image/preprocess';

/** Escapes text for an SVG text node or attribute. */
export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

const safeColour = (c: string | undefined) => (c && /^#[0-9a-fA-F]{6}$/.test(c) ? c : '#ff3b30');
const n = (v: number) => (Number.isFinite(v) ? Math.round(v) : 0);

/** The overlay SVG for `detections` on a `width` × `height` picture. */
export function overlaySvg(width: number, height: number, detections: (Detection & { colour?: string; highlight?: boolean })[]): string {
  const stroke = Math.max(2, n(Math.min(width, height) / 240));
  const font = Math.max(12, n(Math.min(width, height) / 36));
  const parts = detections.map((d) => {
    const colour = safeColour(d.colour);
    const x = n(d.box.x1);
    const y = n(d.box.y1);
    const w = Math.max(1, n(d.box.x2 - d.box.x1));
    const h = Math.max(1, n(d.box.y2 - d.box.y1));
    const raw = `${d.label ?? d.classId} ${(d.confidence * 100).toFixed(0)}%`;
    // a filled tag in the box's colour with white text, above the box (inside its top edge when there is no room)
    const tagH = font + 6;
    const tagW = n(raw.length * font * 0.6 + 8);
    const tagY = y >= tagH ? y - tagH : y;
    const tagX = Math.min(x, Math.max(0, n(width) - tagW));
    return (
      `<rect x="${x}" y="${y}" width="${w}" height="${h}" fill="none" stroke="${colour}" stroke-width="${d.highlight ? stroke * 2 : stroke}"/>` +
      `<rect x="${tagX}" y="${tagY}" width="${tagW}" height="${tagH}" fill="${colour}"/>` +
      `<text x="${tagX + 4}" y="${tagY + font}" font-family="sans-serif" font-size="${font}" fill="#ffffff">${escapeXml(raw)}</text>`
    );
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${n(width)}" height="${n(height)}">${parts.join('')}</svg>`;
}

/** Draws the boxes on the upright picture and returns JPEG bytes with its size. */
export async function annotateSnapshot(
  image: ImageInput,
  detections: (Detection & { colour?: string; highlight?: boolean })[],
): Promise<{ jpeg: Buffer; width: number; height: number }> {
  const { width, height } = await uprightSize(image);
  const upright = await openUpright(image).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const jpeg = await sharp(upright.data, { raw: { width: upright.info.width, height: upright.info.height, channels: upright.info.channels as 3 } })
    .composite([{ input: Buffer.from(overlaySvg(width, height, detections)), top: 0, left: 0 }])
    .jpeg({ quality: 85 })
    .toBuffer();
  return { jpeg, width, height };
}
