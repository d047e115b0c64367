import type { ApiClient } from './client';

/** Bilingual text of definitions. */
export interface I18nText {
  zh: string;
  en: string;
}

/** A ledger page (`GET /api/v1/ledgers/:viewKey`). */
export interface LedgerPage {
  items: Array<{
    id: string;
    orgId: string;
    orgName: string;
    status: string;
    createdAt: number;
    updatedAt: number;
    revision: number;
    data: Record<string, unknown>;
    cells: Record<string, string | number | null>;
  }>;
  total: number;
  totalCapped: boolean;
  page: number;
  pageSize: number;
  countsByState: Record<string, number>;
  columns: Array<{ field: string; title: I18nText }>;
  filters: Array<{ field: string; op: string; type: string; title: I18nText; options?: Array<{ value: string; label: I18nText }> }>;
  collection: { key: string; name: I18nText; states: Array<{ key: string; name: I18nText }> };
}

/** A definition in a list (`GET /api/v1/definitions/:kind`). */
export interface DefinitionSummary {
  id: string;
  kind: string;
  key: string;
  name: string;
  orgId: string;
  latestVersion: number;
  publishedVersion: number | null;
}

/** A record (`GET /api/v1/records/:c/:id`). */
export interface RecordDoc {
  id: string;
  collectionKey: string;
  collectionVersion: number;
  orgId: string;
  status: string;
  data: Record<string, unknown>;
  formVersionId: string | null;
  submissionId: string | null;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
  revision: number;
}

/** `GET /api/v1/records/:c/:id/history`. */
export interface RecordHistory {
  transitions: Array<{ from: string; to: string; actorId: string; actorName: string; at: number; note: string | null }>;
  audit: Array<{ seq: number; at: number; actorId: string; actorName: string; action: string }>;
}

/** `GET /api/v1/records/:c/:id/process`. */
export interface RecordProcess {
  processInstanceId: string | null;
  definitionId: string | null;
  definitionKey: string | null;
  definitionName: string | null;
  ended: boolean;
  xml: string | null;
  active: string[];
  completed: string[];
}

/** Ledger filters as query parameters: `filter[field][op]=value` (arrays for `in`). */
export function ledgerQuery(filters: Record<string, { op: string; value: string | string[] | undefined }>, page: number, pageSize: number): Record<string, string> {
  const q: Record<string, string> = { page: String(page), pageSize: String(pageSize) };
  for (const [field, f] of Object.entries(filters)) {
    if (f.value === undefined || f.value === '' || (Array.isArray(f.value) && !f.value.length)) continue;
    q[`filter[${field}][${f.op}]`] = Array.isArray(f.value) ? f.value.join(',') : f.value;
  }
  return q;
}

/** Typed calls of ledgers and records. */
export const ledgersApi = {
  views: (api: ApiClient) => api.get<{ items: DefinitionSummary[] }>('/definitions/view'),
  page: (api: ApiClient, viewKey: string, query: Record<string, string>) => api.get<LedgerPage>(`/ledgers/${encodeURIComponent(viewKey)}`, query),
  export: (api: ApiClient, viewKey: string, query: Record<string, string>) => api.download(`/ledgers/${encodeURIComponent(viewKey)}/export`, { ...query, format: 'xlsx' }),
  record: (api: ApiClient, c: string, id: string) => api.get<RecordDoc>(`/records/${encodeURIComponent(c)}/${encodeURIComponent(id)}`),
  history: (api: ApiClient, c: string, id: string) => api.get<RecordHistory>(`/records/${encodeURIComponent(c)}/${encodeURIComponent(id)}/history`),
  process: (api: ApiClient, c: string, id: string) => api.get<RecordProcess>(`/records/${encodeURIComponent(c)}/${encodeURIComponent(id)}/process`),
};
