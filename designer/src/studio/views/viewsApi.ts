import { api } from '@/api';
import type { CollectionContentJson, I18n } from '../collections/model/collectionDraft';
import type { FormDefinition } from '../forms/formsApi';
import type { ViewContentJson } from './model/viewDraft';

/** A view version as the editor reads it. */
export interface ViewVersion {
  version: number;
  status: 'draft' | 'published' | 'archived';
  content: ViewContentJson;
  revision: number;
}

/** `POST /ledgers/preview`: the first page of a view being edited. */
export interface ViewPreview {
  items: Array<{ id: string; status: string; orgName: string; cells: Record<string, string | number | null> }>;
  total: number;
  columns: Array<{ field: string; title: I18n }>;
}

const enc = encodeURIComponent;

/** The `view` definition endpoints and the ledger preview the views editor uses. */
export const viewsApi = {
  list: () => api.get<{ items: FormDefinition[] }>('/definitions/view').then((r) => r.items),
  collections: () => api.get<{ items: FormDefinition[] }>('/definitions/collection').then((r) => r.items),
  collection: (key: string) =>
    api.get<{ version: { content: CollectionContentJson } | null }>(`/definitions/collection/${enc(key)}`).then((r) => r.version?.content ?? null),
  get: (key: string) => api.get<{ definition: FormDefinition; version: ViewVersion | null; draft: ViewVersion | null }>(`/definitions/view/${enc(key)}`),
  create: (input: { key: string; name: string; content: ViewContentJson }, idempotencyKey: string) =>
    api.post<{ definition: FormDefinition; version: ViewVersion }>('/definitions/view', input, { idempotencyKey }),
  saveDraft: (key: string, content: ViewContentJson, revision: number) =>
    api.request<{ definition: FormDefinition; version: ViewVersion }>('PUT', `/definitions/view/${enc(key)}/draft`, { body: { content, revision } }),
  publish: (key: string) => api.post<{ definition: FormDefinition; version: ViewVersion }>(`/definitions/view/${enc(key)}/publish`, {}),
  preview: (content: ViewContentJson) => api.post<ViewPreview>('/ledgers/preview', { content }),
};
