import { api, ApiError } from '@/api';

/** A definition as `/api/v1/definitions/:kind` returns it. */
export interface DefinitionSummary {
  id: string;
  kind: string;
  key: string;
  name: string;
  orgId: string;
  orgPath: string;
  latestVersion: number;
  publishedVersion: number | null;
  revision: number;
  updatedAt: number;
}

/** A definition version (content present on single reads). */
export interface DefinitionVersion {
  id: string;
  version: number;
  status: 'draft' | 'published' | 'archived';
  content?: unknown;
  note: string | null;
  publishedAt: number | null;
  revision: number;
  updatedAt: number;
}

/** A process version's content: the XML, plus what publish resolved and deployed. */
export interface ProcessContent {
  xml: string;
  deployedXml?: string;
  references?: Array<{ kind: string; key: string; element: string; version?: number }>;
  deployment?: { id: string; processDefinitionId: string | null; engineVersion: number | null };
}

/** `GET /definitions/process/:key`. */
export interface ProcessDefinition {
  definition: DefinitionSummary;
  version: DefinitionVersion | null;
  draft: DefinitionVersion | null;
}

/** A task type of the topic picker (`GET /catalogue/task-types`, or the modeler's fallback). */
export interface TaskType {
  topic: string;
  name: { 'zh-CN': string; en: string };
  description?: { 'zh-CN': string; en: string };
  configSchema: { type?: string; required?: string[]; properties?: Record<string, ConfigProperty> };
  external?: boolean;
}

/** One property of a task type's config schema (JSON Schema subset the panel renders). */
export interface ConfigProperty {
  type?: string;
  title?: string;
  enum?: string[];
  default?: unknown;
  description?: string;
  /** SafeFlow: the definitions kind this value picks from (`ruleset`, `collection`, `form`). */
  'x-safeflow-ref'?: string;
}

/** One problem of a lint or a refused publish, addressed by element id (`reference`: a reference that does not resolve). */
export interface ElementIssue {
  path: string;
  code: string;
  message: string;
  reference?: { kind: string; key: string; reason: string };
}

/** A dangling reference (lint `dangling[]`, publish `details.references[]`) as an element issue. */
export function danglingIssue(d: { kind: string; key: string; element: string; reason?: string; message: string }): ElementIssue {
  return { path: d.element, code: `process.unknown_${d.kind}`, message: d.message, reference: { kind: d.kind, key: d.key, reason: d.reason ?? 'not_found' } };
}

/** A BPMN instance as the monitor lists it. */
export interface InstanceSummary {
  id: string;
  definitionKey: string;
  version: number | null;
  businessKey: string | null;
  state: string;
  orgPath: string | null;
  startTime: number;
  endTime: number | null;
  openIncidents: number;
}

/** `GET /process-instances/:id`. */
export interface InstanceDetail {
  instance: InstanceSummary;
  xml: string | null;
  activeActivityIds: string[];
  variables: Array<{ name: string; type: string; value: unknown }>;
  history: Array<{ id: string; activityId: string; activityName: string | null; activityType: string; startTime: number; endTime: number | null; canceled: boolean }>;
  tasks: Array<{ id: string; name: string | null; taskDefinitionKey: string; assignee: string | null; created: number }>;
  incidents: Array<{ id: string; type: string; message: string | null; activityId: string | null; created: number; resolvedAt: number | null }>;
}

const enc = encodeURIComponent;

/** The process modeler's and monitor's calls. */
export const processApi = {
  list: () => api.get<{ items: DefinitionSummary[] }>('/definitions/process'),
  get: (key: string) => api.get<ProcessDefinition>(`/definitions/process/${enc(key)}`),
  create: (key: string, name: string, xml: string) =>
    api.post<{ definition: DefinitionSummary; version: DefinitionVersion }>('/definitions/process', { key, name, content: { xml } }, { idempotencyKey: crypto.randomUUID() }),
  saveDraft: (key: string, xml: string, name?: string) =>
    api.request<{ definition: DefinitionSummary; version: DefinitionVersion }>('PUT', `/definitions/process/${enc(key)}/draft`, { body: { content: { xml }, name } }),
  publish: (key: string, note?: string) => api.post<{ definition: DefinitionSummary; version: DefinitionVersion }>(`/definitions/process/${enc(key)}/publish`, note ? { note } : {}),
  versions: (key: string) => api.get<{ items: DefinitionVersion[] }>(`/definitions/process/${enc(key)}/versions`),
  version: (key: string, n: number) => api.get<{ version: DefinitionVersion }>(`/definitions/process/${enc(key)}/versions/${n}`),
  diff: (key: string, from: number, to: number) => api.get<{ changes: Array<{ op: 'added' | 'removed'; line: number; text: string }> }>(`/definitions/process/${enc(key)}/diff`, { from, to }),
  lint: (key: string, xml: string) =>
    api.post<{ ok: boolean; issues: ElementIssue[]; dangling: Array<{ kind: string; key: string; element: string; reason: string; message: string }> }>(`/processes/${enc(key)}/lint`, {
      xml,
    }),
  definitions: (kind: 'form' | 'ruleset' | 'collection') => api.get<{ items: DefinitionSummary[] }>(`/definitions/${kind}`),
  roles: () => api.get<{ items: Array<{ key: string; nameZh: string; nameEn: string }> }>('/roles'),
  /** Task types for the topic picker: the task-type registry when the runtime has one plugged in, else the built-in types (`fallback`). */
  taskTypes: () => api.get<{ items: TaskType[]; fallback: boolean }>('/processes/task-types'),
  start: (key: string, body: { orgId?: string; businessKey?: string; variables?: Record<string, unknown> }) =>
    api.post<{ id: string; ended: boolean }>(`/processes/${enc(key)}/instances`, body, { idempotencyKey: crypto.randomUUID() }),
  /** Orgs in the caller's scope (the start dialog's "for org" picker). */
  orgs: () => api.get<{ items: Array<{ id: string; name: string; path: string }> }>('/orgs', { pageSize: 200 }).then((r) => r.items),
  instances: (key: string, query: { state?: string; first?: number; max?: number } = {}) =>
    api.get<{ items: InstanceSummary[]; total: number }>(`/processes/${enc(key)}/instances`, query),
  instance: (id: string) => api.get<InstanceDetail>(`/process-instances/${enc(id)}`),
  retry: (id: string, incidentId: string) => api.post<{ incidentId: string; resolved: boolean }>(`/process-instances/${enc(id)}/incidents/${enc(incidentId)}/retry`, { retries: 1 }),
};

/** The element ids a refused publish or a lint names, with their messages (for the lint list and the canvas markers). */
export function issuesOf(error: unknown): ElementIssue[] {
  if (!(error instanceof ApiError)) return [];
  const details = error.details as { issues?: ElementIssue[]; references?: Array<{ kind: string; key: string; element: string; reason: string; message: string }> } | undefined;
  if (Array.isArray(details?.references)) return details!.references.map(danglingIssue);
  return Array.isArray(details?.issues) ? details!.issues : [];
}
