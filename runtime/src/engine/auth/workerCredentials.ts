import crypto from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { AppDeps } from '../../app/AppDeps';
import type { Database } from '../../db/Database';
import type { AuthContext } from '../../http/AuthContext';

/** A newly created worker credential; the secret is shown once and stored only as an argon2 hash. */
export interface NewWorkerCredential {
  id: string;
  secret: string;
  name: string;
  topics: string[];
  tenantId: string | null;
}

/**
 * Creates a worker credential limited to `topics` (and, optionally, one
 * tenant's tasks). Workers authenticate with HTTP Basic `id:secret` and may
 * call only external-task endpoints.
 */
export async function createWorkerCredential(
  db: Database,
  clock: AppDeps['clock'],
  input: { name: string; topics: string[]; tenantId?: string | null; createdBy?: string | null },
): Promise<NewWorkerCredential> {
  const id = crypto.randomUUID();
  const secret = crypto.randomBytes(24).toString('base64url');
  const secretHash = await hash(secret);
  await db.transaction((tx) =>
    tx.execute(
      `INSERT INTO worker_credential (id, name, secret_hash, topics, tenant_id, created_by, revoked, created_at, revision) VALUES (?, ?, ?, ?, ?, ?, 0, ?, 1)`,
      [id, input.name, secretHash, JSON.stringify(input.topics), input.tenantId ?? null, input.createdBy ?? null, clock.now().getTime()],
    ),
  );
  return { id, secret, name: input.name, topics: input.topics, tenantId: input.tenantId ?? null };
}

const verified = new Map<string, string>();

/**
 * Checks Basic credentials against the worker credentials. Returns undefined
 * when `id` is no (active) worker credential — the caller then tries user
 * credentials — and `null` when it is one but the secret is wrong. A
 * verified secret is remembered (as a SHA-256) so the argon2 check runs once
 * per process, not per poll; revocation is read on every call.
 */
export async function verifyWorkerCredential(db: Database, id: string, secret: string): Promise<AuthContext | null | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const [row] = await db.query<{ id: string; name: string; secret_hash: string; topics: string; tenant_id: string | null; revoked: number }>(
    `SELECT id, name, secret_hash, topics, tenant_id, revoked FROM worker_credential WHERE id = ?`,
    [id],
  );
  if (!row) return undefined;
  if (Number(row.revoked) === 1) return null;
  const digest = crypto.createHash('sha256').update(`${row.secret_hash}\0${secret}`).digest('hex');
  if (verified.get(id) !== digest) {
    let ok = false;
    try {
      ok = await verify(row.secret_hash, secret);
    } catch {
      ok = false;
    }
    if (!ok) return null;
    verified.set(id, digest);
  }
  return {
    kind: 'worker',
    userId: row.id,
    username: `worker:${row.name}`,
    platformAdmin: false,
    memberships: row.tenant_id ? [{ orgId: row.tenant_id, orgPath: `/${row.tenant_id}/`, tenantId: row.tenant_id, roleKey: 'worker', permissions: [] }] : [],
    topics: JSON.parse(row.topics) as string[],
  };
}
