import { api } from '@/api';

/** SafeFlow's stored file reference (see engine/src/forms/components/fileRef.ts). */
export interface FileRef {
  fileId: string;
  name: string;
  size: number;
  mime: string;
  sha256: string;
}

/** A file as `POST /api/v1/files` answers it. */
interface FileDto {
  id: string;
  name: string;
  size: number;
  mime: string;
  sha256: string;
}

/**
 * Uploads a blob as a file of `orgId` (multipart, Idempotency-Key so a retry
 * after a lost answer does not store it twice) and returns the reference a
 * form value stores.
 */
export async function uploadFile(blob: Blob, name: string, orgId: string, idempotencyKey: string = crypto.randomUUID()): Promise<FileRef> {
  const body = new FormData();
  body.append('orgId', orgId);
  body.append('file', blob, name);
  const f = await api.post<FileDto>('/files', body, { idempotencyKey });
  return { fileId: f.id, name: f.name, size: f.size, mime: f.mime, sha256: f.sha256 };
}

/** URL of a file's content (needs the bearer token: use `useAuthedBlobUrl`). */
export function fileContentPath(fileId: string): string {
  return `/files/${encodeURIComponent(fileId)}/content`;
}
