import { z } from 'zod';
import type { AppDeps } from '../app/AppDeps';
import { defineRoute, type AnyRoute } from '../http/defineRoute';
import { PatrolRouteCreate, PatrolRouteOut, PatrolRouteStore, PatrolRouteUpdate, PatrolRunOut, PatrolRunStatusOut, PatrolRunsQuery } from './PatrolRouteStore';

const IdParams = z.object({ id: z.string().max(36) });

/** `/api/v1/patrol-routes`: patrol routes (ordered cameras + a task type per stop + a timer), each deployed as a BPMN. */
export function patrolRouteRoutes(deps: AppDeps): AnyRoute[] {
  const store = new PatrolRouteStore(deps);
  const tags = ['cameras'];
  return [
    defineRoute({
      method: 'get', path: '/patrol-routes', summary: 'Patrol routes visible to the caller', tags, permission: 'record.read',
      response: z.object({ items: z.array(PatrolRouteOut) }),
      handler: async ({ auth }) => ({ items: await store.list(auth) }),
    }),
    defineRoute({
      method: 'post', path: '/patrol-routes', summary: 'Create a patrol route and deploy its BPMN (timer start + sequential multi-instance over the cameras)', tags,
      permission: 'record.write', status: 201, idempotent: true, body: PatrolRouteCreate, response: PatrolRouteOut,
      handler: async ({ body, auth }) => store.create(auth, body),
    }),
    defineRoute({
      method: 'get', path: '/patrol-routes/:id', summary: 'One patrol route', tags, permission: 'record.read', params: IdParams, response: PatrolRouteOut,
      handler: async ({ params, auth }) => store.read(auth, params.id),
    }),
    defineRoute({
      method: 'put', path: '/patrol-routes/:id', summary: 'Replace a patrol route and redeploy it (a disabled route loses its timer)', tags,
      permission: 'record.write', params: IdParams, body: PatrolRouteUpdate, response: PatrolRouteOut,
      handler: async ({ params, body, auth }) => store.update(auth, params.id, body),
    }),
    defineRoute({
      method: 'post', path: '/patrol-routes/:id/run', summary: 'Start a patrol of the route now', tags,
      permission: 'record.write', params: IdParams, status: 201, idempotent: true, body: z.strictObject({}).optional(),
      response: z.object({ processInstanceId: z.string() }),
      handler: async ({ params, auth }) => store.run(auth, params.id),
    }),
    defineRoute({
      method: 'get', path: '/patrol-routes/:id/runs', summary: 'The route’s latest patrols, scheduled or by hand, newest first, with what each found', tags,
      permission: 'record.read', params: IdParams, query: PatrolRunsQuery, response: z.object({ items: z.array(PatrolRunOut), stopsTotal: z.number() }),
      handler: async ({ params, query, auth }) => store.runs(auth, params.id, query.maxResults),
    }),
    defineRoute({
      method: 'get', path: '/patrol-routes/:id/runs/:processInstanceId', summary: 'How far a patrol of the route has come (ended, stops run)', tags,
      permission: 'record.read', params: z.object({ id: z.string().max(36), processInstanceId: z.string().max(64) }), response: PatrolRunStatusOut,
      handler: async ({ params, auth }) => store.runStatus(auth, params.id, params.processInstanceId),
    }),
  ];
}
