import { api } from '@/api';
import type { FormDefinition } from '../forms/formsApi';
import type { CollectionContentJson } from './model/collectionDraft';

/** A collection version as the editor reads it. */
export interface CollectionVersion {
  version: number;
  status: 'draft' | 'published' | 'archived';
  content: CollectionContentJson;
  revision: number;
}

/** One JSON change of `GET …/diff` for non-form definitions. */
export interface JsonChange {
  path: string;
  op: 'added' | 'removed' | 'changed';
  from?: unknown;
  to?: unknown;
}

const enc = encodeURIComponent;

/** The collection endpoints of `/api/v1/definitions/collection` the Studio uses. */
export const collectionsApi = {
  list: () => api.get<{ items: FormDefinition[] }>('/definitions/collection').then((r) => r.items),
  forms: () => api.get<{ items: FormDefinition[] }>('/definitions/form').then((r) => r.items),
  get: (key: string) => api.get<{ definition: FormDefinition; version: CollectionVersion | null; draft: CollectionVersion | null }>(`/definitions/collection/${enc(key)}`),
  create: (input: { key: string; name: string; content: CollectionContentJson }, idempotencyKey: string) =>
    api.post<{ definition: FormDefinition; version: CollectionVersion }>('/definitions/collection', input, { idempotencyKey }),
  saveDraft: (key: string, content: CollectionContentJson, revision: number) =>
    api.request<{ definition: FormDefinition; version: CollectionVersion }>('PUT', `/definitions/collection/${enc(key)}/draft`, { body: { content, revision } }),
  publish: (key: string) => api.post<{ definition: FormDefinition; version: CollectionVersion }>(`/definitions/collection/${enc(key)}/publish`, {}),
  diff: (key: string, from: number, to: number) => api.get<{ changes: JsonChange[] }>(`/definitions/collection/${enc(key)}/diff`, { from, to }).then((r) => r.changes),
};
