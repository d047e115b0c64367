import crypto from 'node:crypto';
import { SafeFlowError } from '@safeflow/engine/errors';
import type { Clock } from '../app/AppDeps';
import type { Database } from '../db/Database';
import type { AuthContext } from '../http/AuthContext';
import { canonicalJson } from '../audit/canonicalJson';

/** Longest accepted `Idempotency-Key` header. */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 200;

/** How long a key is remembered (24 h). */
export const IDEMPOTENCY_TTL_MS = 24 * 3600 * 1000;

/** A response as stored for replay. */
export interface StoredResponse {
  status: number;
  body: unknown;
  /** True when this response is a replay of an earlier call. */
  replayed?: boolean;
}

interface KeyRow {
  id: string;
  request_hash: string;
  status: string;
  response_status: number | null;
  response_body: string | null;
  created_at: number | string;
}

/**
 * Runs creating calls at most once per (caller, scope, Idempotency-Key),
 * backed by the `idempotency_key` table.
 *
 * - First call: inserts a `pending` row (its own transaction, so a concurrent
 *   duplicate sees it), runs the call, then stores status and body (`done`).
 * - Replay with the same body: returns the stored response, without running.
 * - Same key, different body: `idempotency.key_reused` (422).
 * - Duplicate while the first is still running: `idempotency.in_progress` (409).
 * - The call throws: the pending row is deleted, so the client may retry.
 * - Keys longer than 200 characters or with control characters: `idempotency.key_invalid` (400).
 * Rows older than 24 h are ignored and removed by {@link IdempotencyStore.expire}.
 */
export class IdempotencyStore {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  /** The `HttpPolicies.idempotent` policy. */
  async run(
    auth: AuthContext | undefined,
    key: string,
    scope: string,
    body: unknown,
    call: () => Promise<{ status: number; body: unknown }>,
  ): Promise<StoredResponse> {
    // eslint-disable-next-line no-control-regex -- keys with control characters are refused
    if (key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY_LENGTH || /[\u0000-\u001f\u007f]/.test(key)) {
      throw new SafeFlowError(
        'idempotency.key_invalid',
        `Idempotency-Key must be 1-${MAX_IDEMPOTENCY_KEY_LENGTH} printable characters`,
        { status: 400 },
      );
    }
    const userId = auth?.userId ?? '';
    const scopeKey = scope.slice(0, 200);
    const requestHash = crypto.createHash('sha256').update(canonicalJson(body ?? null), 'utf8').digest('hex');
    const id = crypto.randomUUID();

    const existing = await this.claim(id, userId, scopeKey, key, requestHash);
    if (existing) {
      if (existing.request_hash !== requestHash) {
        throw new SafeFlowError('idempotency.key_reused', 'This Idempotency-Key was used with a different request body', {
          status: 422,
        });
      }
      if (existing.status !== 'done') {
        throw new SafeFlowError('idempotency.in_progress', 'A request with this Idempotency-Key is still being processed', {
          status: 409,
        });
      }
      return {
        status: Number(existing.response_status),
        body: existing.response_body === null ? undefined : JSON.parse(existing.response_body),
        replayed: true,
      };
    }

    let result: { status: number; body: unknown };
    try {
      result = await call();
    } catch (err) {
      await this.db.transaction((tx) => tx.execute(`DELETE FROM idempotency_key WHERE id = ?`, [id]));
      throw err;
    }
    const stored = result.body === undefined ? null : JSON.stringify(result.body);
    await this.db.transaction((tx) =>
      tx.execute(`UPDATE idempotency_key SET status = 'done', response_status = ?, response_body = ? WHERE id = ?`, [
        result.status,
        stored,
        id,
      ]),
    );
    return result;
  }

  /**
   * Inserts the pending row; returns the live row already holding this key
   * instead (an expired one is deleted and the claim retried once).
   */
  private async claim(id: string, userId: string, scope: string, key: string, hash: string): Promise<KeyRow | undefined> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const now = this.clock.now().getTime();
      try {
        const found = await this.db.transaction(async (tx) => {
          const [row] = await tx.query<KeyRow>(
            `SELECT id, request_hash, status, response_status, response_body, created_at
               FROM idempotency_key WHERE user_id = ? AND scope = ? AND idem_key = ?`,
            [userId, scope, key],
          );
          if (row && Number(row.created_at) > now - IDEMPOTENCY_TTL_MS) return row;
          if (row) await tx.execute(`DELETE FROM idempotency_key WHERE id = ?`, [row.id]);
          await tx.execute(
            `INSERT INTO idempotency_key (id, idem_key, scope, user_id, request_hash, status, created_at)
             VALUES (?, ?, ?, ?, ?, 'pending', ?)`,
            [id, key, scope, userId, hash, now],
          );
          return undefined;
        });
        return found;
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
        // a concurrent first call inserted the row between our read and insert: read it again
      }
    }
    throw new SafeFlowError('idempotency.in_progress', 'A request with this Idempotency-Key is still being processed', {
      status: 409,
    });
  }

  /** Deletes rows older than 24 h; returns how many were removed. */
  async expire(): Promise<number> {
    const cutoff = this.clock.now().getTime() - IDEMPOTENCY_TTL_MS;
    return this.db.transaction((tx) => tx.execute(`DELETE FROM idempotency_key WHERE created_at <= ?`, [cutoff]));
  }
}

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; errno?: number; driverError?: { code?: string; errno?: number } };
  const code = e?.driverError?.code ?? e?.code ?? '';
  return code === 'ER_DUP_ENTRY' || code.startsWith('SQLITE_CONSTRAINT');
}
