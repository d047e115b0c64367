import type { FormComponentCatalogue, FormSchema, FormSchemaDiff } from '@safeflow/engine/forms';
import { api } from '@/api';

/** A definition row (`/definitions/form`). */
export interface FormDefinition {
  id: string;
  key: string;
  name: string;
  orgId: string;
  latestVersion: number;
  publishedVersion: number | null;
  revision: number;
  updatedAt: number;
}

/** A definition version. */
export interface FormVersion {
  version: number;
  status: 'draft' | 'published' | 'archived';
  content: FormSchema;
  hash: string;
  note: string | null;
  revision: number;
  publishedAt: number | null;
  updatedAt: number;
}

/** What `GET /definitions/form/:key` answers. */
export interface FormWithVersions {
  definition: FormDefinition;
  version: FormVersion | null;
  draft: FormVersion | null;
}

const enc = encodeURIComponent;

/** The form endpoints of `/api/v1` the Studio's form designer uses. */
export const formsApi = {
  catalogue: () => api.get<FormComponentCatalogue>('/catalogue/form-components'),
  list: () => api.get<{ items: FormDefinition[] }>('/definitions/form').then((r) => r.items),
  get: (key: string) => api.get<FormWithVersions>(`/definitions/form/${enc(key)}`),
  version: (key: string, version: number) => api.get<{ definition: FormDefinition; version: FormVersion }>(`/definitions/form/${enc(key)}/versions/${version}`),
  create: (input: { key: string; name: string; content: FormSchema }, idempotencyKey: string) =>
    api.post<{ definition: FormDefinition; version: FormVersion }>('/definitions/form', input, { idempotencyKey }),
  saveDraft: (key: string, input: { content: FormSchema; revision?: number; name?: string }) =>
    api.request<{ definition: FormDefinition; version: FormVersion }>('PUT', `/definitions/form/${enc(key)}/draft`, { body: input }),
  publish: (key: string, note?: string) => api.post<{ definition: FormDefinition; version: FormVersion }>(`/definitions/form/${enc(key)}/publish`, note ? { note } : {}),
  diff: (key: string, from: number, to: number) => api.get<{ from: number; to: number; changes: FormSchemaDiff }>(`/definitions/form/${enc(key)}/diff`, { from, to }),
};
