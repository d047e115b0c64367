import type { Context } from 'koa';
import type { AuthContext } from './AuthContext';

/**
 * The cross-cutting checks every API route goes through, supplied by the
 * auth, entitlement and idempotency modules when the app is assembled.
 */
export interface HttpPolicies {
  /**
   * Reads the caller's credentials. Returns undefined when the request carries
   * none; throws `auth.invalid_token` / `auth.token_expired` (401) for bad ones.
   */
  authenticate(ctx: Context): Promise<AuthContext | undefined>;
  /** Throws `auth.forbidden` (403) unless the caller holds `permission` somewhere. */
  requirePermission(auth: AuthContext, permission: string): void;
  /** Throws `module.not_entitled` (403) unless the caller's tenant has `module`. */
  requireModule(auth: AuthContext, module: string): Promise<void>;
  /**
   * Runs a creating call at most once per (caller, key): a replay with the same
   * body returns the stored response; a different body is `idempotency.key_reused` (422).
   * `headers` are set on the response (a replay: `Idempotent-Replayed: true`).
   */
  idempotent(
    auth: AuthContext | undefined,
    key: string,
    scope: string,
    body: unknown,
    run: () => Promise<{ status: number; body: unknown }>,
  ): Promise<{ status: number; body: unknown; headers?: Record<string, string> }>;
}
