const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * The type of a frame or snapshot told by its bytes — PNG (the 8-byte signature) or JPEG
 * (`FF D8 FF`) — or null for anything else. What a worker uploads and what the runtime
 * stores as a snapshot or seed picture is judged the same way, never by a name or a claim.
 */
export function imageMimeOf(bytes: Uint8Array): 'image/png' | 'image/jpeg' | null {
  if (bytes.length >= PNG.length && PNG.every((b, i) => bytes[i] === b)) return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  return null;
}
