/**
 * The size an image of `width`×`height` is scaled to so that its longer side
 * is at most `maxSide` (never enlarged; integers, at least 1 px).
 */
export function fitWithin(width: number, height: number, maxSide: number): { width: number; height: number; scaled: boolean } {
  if (!(width > 0) || !(height > 0)) throw new Error(`image has no size (${width}×${height})`);
  const longer = Math.max(width, height);
  if (longer <= maxSide) return { width: Math.round(width), height: Math.round(height), scaled: false };
  const k = maxSide / longer;
  return { width: Math.max(1, Math.round(width * k)), height: Math.max(1, Math.round(height * k)), scaled: true };
}

/** The lines of a photo stamp: local time, and the position when known. */
export function stampLines(at: Date, position?: { lat: number; lng: number; accuracy?: number }): string[] {
  const pad = (n: number) => String(n).padStart(2, '0');
  const time = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())} ${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}`;
  const lines = [time];
  if (position) {
    const acc = position.accuracy !== undefined ? ` ±${Math.round(position.accuracy)}m` : '';
    lines.push(`${position.lat.toFixed(6)}, ${position.lng.toFixed(6)}${acc}`);
  }
  return lines;
}
