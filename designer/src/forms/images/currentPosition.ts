/** A GPS fix. */
export interface Position {
  lat: number;
  lng: number;
  accuracy?: number;
}

/** The device position (rejects with the browser's message when refused or unavailable). */
export function currentPosition(opts: { highAccuracy?: boolean; timeoutMs?: number } = {}): Promise<Position> {
  return new Promise((resolve, reject) => {
    if (!navigator.geolocation) {
      reject(new Error('geolocation unavailable'));
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ lat: p.coords.latitude, lng: p.coords.longitude, accuracy: p.coords.accuracy }),
      (e) => reject(new Error(e.message || 'geolocation failed')),
      { enableHighAccuracy: opts.highAccuracy ?? true, timeout: opts.timeoutMs ?? 10_000, maximumAge: 30_000 },
    );
  });
}
