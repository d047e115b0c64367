import type { ApiClient } from '@/api/client';
import type { TaskType } from '@/studio/processes/processApi';

/** What the editor sends (create; an update adds the revision and drops the org). */
export interface PatrolRouteInput {
  orgId: string;
  name: string;
  /** The stops, in order. */
  cameraIds: string[];
  taskTopic: string;
  /** The stop task's `camunda:properties`. */
  taskConfig: Record<string, string>;
  /** ISO repeating interval or Quartz cron; null = by hand only. */
  schedule: string | null;
  workOrderGroup: string;
  /** Role that reviews the AI alarms of an `ai-detect` route. */
  reviewGroup: string;
  enabled: boolean;
}

/** A patrol route (`GET /api/v1/patrol-routes`): what was sent, and what the server added. */
export interface PatrolRoute extends PatrolRouteInput {
  id: string;
  processKey: string;
  definitionId: string | null;
  revision: number;
}

/** How far a patrol has come (`GET /patrol-routes/:id/runs/:processInstanceId`). */
export interface PatrolRunStatus {
  processInstanceId: string;
  ended: boolean;
  /** Null on a remote engine (no history kept by the runtime). */
  stopsDone: number | null;
  stopsTotal: number;
}

/** One patrol of a route (`GET /patrol-routes/:id/runs`), newest first. */
export interface PatrolRun {
  processInstanceId: string;
  trigger: 'schedule' | 'manual';
  startedAt: string;
  endedAt: string | null;
  state: 'running' | 'completed' | 'terminated';
  /** Null on a remote engine. */
  stopsDone: number | null;
  alarms: number | null;
  workOrders: number | null;
}

/** A camera to pick as a stop (`GET /api/v1/cameras`). */
export interface PatrolCamera {
  id: string;
  orgId: string;
  name: string;
  enabled: boolean;
  zone: { name: string; risk: string } | null;
}

/** A role (`GET /api/v1/roles`): who gets work orders / reviews. */
export interface RoleRef {
  key: string;
  nameZh: string;
  nameEn: string;
}

/** An org in the caller's scope (`GET /api/v1/orgs`). */
export interface OrgRef {
  id: string;
  name: string;
  path: string;
}

const e = encodeURIComponent;

/** Typed calls of `/api/v1/patrol-routes` and the lists its editor picks from. */
export const patrolApi = {
  routes: (api: ApiClient) => api.get<{ items: PatrolRoute[] }>('/patrol-routes').then((r) => r.items),
  route: (api: ApiClient, id: string) => api.get<PatrolRoute>(`/patrol-routes/${e(id)}`),
  create: (api: ApiClient, input: PatrolRouteInput, idempotencyKey: string) => api.post<PatrolRoute>('/patrol-routes', input, { idempotencyKey }),
  update: (api: ApiClient, id: string, input: PatrolRouteInput, revision: number) => {
    const { orgId: _org, ...rest } = input;
    return api.request<PatrolRoute>('PUT', `/patrol-routes/${e(id)}`, { body: { ...rest, revision } });
  },
  run: (api: ApiClient, id: string, idempotencyKey: string) => api.post<{ processInstanceId: string }>(`/patrol-routes/${e(id)}/run`, {}, { idempotencyKey }),
  runStatus: (api: ApiClient, id: string, processInstanceId: string) => api.get<PatrolRunStatus>(`/patrol-routes/${e(id)}/runs/${e(processInstanceId)}`),
  runs: (api: ApiClient, id: string, maxResults = 5) => api.get<{ items: PatrolRun[]; stopsTotal: number }>(`/patrol-routes/${e(id)}/runs`, { maxResults }),
  taskTypes: (api: ApiClient) => api.get<{ items: TaskType[] }>('/catalogue/task-types').then((r) => r.items),
  cameras: (api: ApiClient) => api.get<{ items: PatrolCamera[] }>('/cameras', { pageSize: 200 }).then((r) => r.items),
  modelKeys: (api: ApiClient) => api.get<{ items: { key: string; status: string }[] }>('/ai/models').then((r) => [...new Set(r.items.filter((m) => m.status !== 'retired').map((m) => m.key))]),
  roles: (api: ApiClient) => api.get<{ items: RoleRef[] }>('/roles').then((r) => r.items),
  orgs: (api: ApiClient) => api.get<{ items: OrgRef[] }>('/orgs', { pageSize: 200 }).then((r) => r.items),
};
