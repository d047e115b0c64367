import type { ApiClient } from './client';

/** An inbox row (`GET /api/v1/tasks`). */
export interface InboxTask {
  id: string;
  name: string | null;
  description: string | null;
  taskDefinitionKey: string;
  processInstanceId: string;
  processDefinitionId: string;
  processKey: string | null;
  processName: string | null;
  businessKey: string | null;
  assignee: string | null;
  assignedToMe: boolean;
  claimable: boolean;
  priority: number;
  created: string;
  due: string | null;
  overdue: boolean;
  formKey: string | null;
  form: { key: string; version: number | null } | null;
  orgId: string | null;
  orgName: string | null;
  orgPath: string | null;
  tenantId: string | null;
}

/** Filters of the inbox. */
export interface InboxQuery {
  scope?: 'inbox' | 'mine' | 'claimable' | 'all';
  orgId?: string;
  overdue?: boolean;
  dueBefore?: string;
  dueAfter?: string;
  processKey?: string;
  q?: string;
  page?: number;
  pageSize?: number;
}

/** A page of a list endpoint. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** `GET /api/v1/tasks/:id`. */
export interface TaskDetail {
  task: InboxTask;
  form: { key: string; version: number; versionId: string; name: string; schema: Record<string, unknown> } | null;
  values: Record<string, unknown>;
}

/** `POST /api/v1/tasks/:id/submit` answer. */
export interface SubmitResult {
  submissionId: string;
  taskId: string;
  formKey: string;
  formVersion: number;
  data: Record<string, unknown>;
}

/** Typed calls of the task API. */
export const tasksApi = {
  list: (api: ApiClient, q: InboxQuery) => api.get<Page<InboxTask>>('/tasks', { ...q }),
  get: (api: ApiClient, id: string) => api.get<TaskDetail>(`/tasks/${encodeURIComponent(id)}`),
  claim: (api: ApiClient, id: string) => api.post<InboxTask>(`/tasks/${encodeURIComponent(id)}/claim`),
  unclaim: (api: ApiClient, id: string) => api.post<InboxTask>(`/tasks/${encodeURIComponent(id)}/unclaim`),
  submit: (api: ApiClient, id: string, values: Record<string, unknown>, idempotencyKey: string) =>
    api.post<SubmitResult>(`/tasks/${encodeURIComponent(id)}/submit`, { values }, { idempotencyKey }),
};
