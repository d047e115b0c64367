import type { FileRef } from './fileRef';

/** File ids of photos taken offline start with this; the real id replaces them once uploaded. */
export const PENDING_PREFIX = 'pending:';

/** A photo kept on the device until it can be uploaded. */
export interface PendingPhoto {
  id: string;
  blob: Blob;
  name: string;
  orgId: string;
}

/** Where offline photos wait (IndexedDB in the app; any implementation of the same three calls elsewhere). */
export interface PendingPhotoStore {
  put(photo: PendingPhoto): Promise<void>;
  get(id: string): Promise<PendingPhoto | undefined>;
  delete(id: string): Promise<void>;
}

/** True for a reference to a photo that has not been uploaded yet. */
export const isPendingRef = (ref: unknown): ref is FileRef =>
  !!ref && typeof ref === 'object' && typeof (ref as FileRef).fileId === 'string' && (ref as FileRef).fileId.startsWith(PENDING_PREFIX);

async function sha256Hex(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Keeps a photo on the device and returns the reference the form value holds meanwhile (`pending:<id>`, real size and sha256). */
export async function keepPhotoOffline(store: PendingPhotoStore, blob: Blob, name: string, orgId: string, id: string = crypto.randomUUID()): Promise<FileRef> {
  await store.put({ id, blob, name, orgId });
  return { fileId: `${PENDING_PREFIX}${id}`, name, size: blob.size, mime: blob.type || 'image/jpeg', sha256: await sha256Hex(blob) };
}

/** Every pending photo reference anywhere in a form's values. */
export function pendingRefs(values: unknown): FileRef[] {
  if (isPendingRef(values)) return [values];
  if (Array.isArray(values)) return values.flatMap(pendingRefs);
  if (values && typeof values === 'object') return Object.values(values).flatMap(pendingRefs);
  return [];
}

/** Uploads one blob; `idempotencyKey` is the pending id, so an upload retried after a lost answer is stored once. */
export type UploadFn = (blob: Blob, name: string, orgId: string, idempotencyKey: string) => Promise<FileRef>;

/**
 * Uploads every pending photo of `values` (in order, each once) and returns
 * the values with the real references in their places; the kept blobs stay
 * until {@link forgetPhotos} (after the submission is accepted). A photo
 * missing from the store is an error (the submission cannot be sent).
 */
export async function uploadPendingPhotos(values: Record<string, unknown>, store: PendingPhotoStore, upload: UploadFn): Promise<{ values: Record<string, unknown>; uploaded: string[] }> {
  const done = new Map<string, FileRef>();
  for (const ref of pendingRefs(values)) {
    const id = ref.fileId.slice(PENDING_PREFIX.length);
    if (done.has(ref.fileId)) continue;
    const photo = await store.get(id);
    if (!photo) throw new Error(`The photo ${ref.name} taken offline is no longer on this device`);
    done.set(ref.fileId, await upload(photo.blob, photo.name, photo.orgId, id));
  }
  const swap = (v: unknown): unknown => {
    if (isPendingRef(v)) return done.get(v.fileId)!;
    if (Array.isArray(v)) return v.map(swap);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, swap(x)]));
    return v;
  };
  return { values: swap(values) as Record<string, unknown>, uploaded: [...done.keys()].map((k) => k.slice(PENDING_PREFIX.length)) };
}

/** Drops kept photos once their submission was accepted. */
export async function forgetPhotos(store: PendingPhotoStore, ids: string[]): Promise<void> {
  for (const id of ids) await store.delete(id);
}

/** The app's store: IndexedDB database `safeflow-photos`, object store `pending`. */
export function indexedDbPhotoStore(dbName = 'safeflow-photos'): PendingPhotoStore {
  let opened: Promise<IDBDatabase> | undefined;
  const db = () =>
    (opened ??= new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(dbName, 1);
      req.onupgradeneeded = () => req.result.createObjectStore('pending', { keyPath: 'id' });
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error ?? new Error('IndexedDB is not available'));
    }));
  const run = async <T>(mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> => {
    const tx = (await db()).transaction('pending', mode);
    return new Promise<T>((resolve, reject) => {
      const req = fn(tx.objectStore('pending'));
      tx.oncomplete = () => resolve(req.result);
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB write failed'));
    });
  };
  return {
    put: async (p) => void (await run('readwrite', (s) => s.put(p))),
    get: async (id) => (await run<PendingPhoto | undefined>('readonly', (s) => s.get(id) as IDBRequest<PendingPhoto | undefined>)) ?? undefined,
    delete: async (id) => void (await run('readwrite', (s) => s.delete(id))),
  };
}

let appStore: PendingPhotoStore | undefined;
/** The app's one pending-photo store. */
export const pendingPhotoStore = (): PendingPhotoStore => (appStore ??= indexedDbPhotoStore());
