import type { Context } from 'koa';
import type { z } from 'zod';
import type { AuthContext } from './AuthContext';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** What a handler receives: validated inputs plus the koa context. */
export interface RouteInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  /** The authenticated caller; undefined only on `auth: 'public'` routes. */
  auth: AuthContext;
  ctx: Context;
  /** `Idempotency-Key` header, if the client sent one. */
  idempotencyKey?: string;
}

/**
 * A route of the platform API (`/api/v1`), in the style of logto's koaGuard:
 * one declaration gives validation of params/query/body (zod), the response
 * contract, the permission and module checks, and the OpenAPI entry.
 */
export interface RouteSpec<P = unknown, Q = unknown, B = unknown, R = unknown> {
  method: HttpMethod;
  /** koa-router path below `/api/v1`, e.g. `/orgs/:id`. */
  path: string;
  summary: string;
  tags: string[];
  /** `public`: no token needed. Default `user`: a valid access token is required (401 otherwise). */
  auth?: 'public' | 'user';
  /** Permission the caller must hold in at least one membership (403 `auth.forbidden`). Data scope is checked by the scoped query layer. */
  permission?: string;
  /** Entitlement module the caller's tenant must have (403 `module.not_entitled`). */
  module?: string;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  /** Body schema; use strict objects so unknown fields are rejected. */
  body?: z.ZodType<B>;
  /** Response schema (validated before sending). Omit for 204 routes or non-JSON responses. */
  response?: z.ZodType<R>;
  /** Success status (default 200, or 204 when there is no response schema and the handler returns undefined). */
  status?: number;
  /** Largest JSON body accepted, bytes (default 1 MiB). */
  bodyLimit?: number;
  /** Creating call: honour `Idempotency-Key` (replay the first response for the same key and body). */
  idempotent?: boolean;
  /** Handles the request after validation; returns the response body. Non-JSON routes set ctx.body and return undefined. */
  handler: (input: RouteInput<P, Q, B>) => Promise<R | undefined>;
}

/** Identity helper that keeps the generic types of a route declaration. */
export function defineRoute<P, Q, B, R>(spec: RouteSpec<P, Q, B, R>): RouteSpec<P, Q, B, R> {
  return spec;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a registry of heterogeneous routes
export type AnyRoute = RouteSpec<any, any, any, any>;
