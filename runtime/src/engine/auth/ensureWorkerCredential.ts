import crypto from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { AppDeps } from '../../app/AppDeps';

/** Basic credentials of a node's own worker. */
export interface NodeWorkerCredential {
  id: string;
  secret: string;
}

/** An HMAC of `label` under the node secret, hex. */
const derive = (secret: Buffer, label: string) => crypto.createHmac('sha256', secret).update(label).digest('hex');

/** A UUID-shaped id (what `verifyWorkerCredential` accepts) from 32 hex digits. */
const uuidOf = (hex: string) => `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;

interface Row {
  secret_hash: string;
  topics: string;
  revoked: number;
}

/**
 * The worker credential of one of this node's own in-process workers, one row
 * per (node, name) however often the node restarts. Its id and secret are
 * derived from the node's signing secret (`deps.secret`, kept in DATA_DIR),
 * so a restart finds the same row and reuses it as is; a row whose hash no
 * longer matches (the node secret changed) or whose topics changed is
 * updated in place (secret rotated, revision bumped), never duplicated.
 * Nodes with their own DATA_DIR get their own row, so one node's restart
 * never invalidates another node's worker. A revoked row stays revoked (an
 * admin's decision): the worker then gets 401s, and a warning is logged.
 */
export async function ensureWorkerCredential(deps: Pick<AppDeps, 'db' | 'clock' | 'secret' | 'logger'>, input: { name: string; topics: string[] }): Promise<NodeWorkerCredential> {
  const id = uuidOf(derive(deps.secret, `in-process-worker-id\0${input.name}`));
  const secret = Buffer.from(derive(deps.secret, `in-process-worker-secret\0${input.name}`), 'hex').toString('base64url');
  const topics = JSON.stringify(input.topics);
  const read = async () => (await deps.db.query<Row>(`SELECT secret_hash, topics, revoked FROM worker_credential WHERE id = ?`, [id]))[0];

  const row = await read();
  if (row && Number(row.revoked) === 1) {
    deps.logger.warn({ credentialId: id, name: input.name }, 'the worker credential of an in-process worker is revoked; that worker cannot fetch tasks');
    return { id, secret };
  }
  const current = row ? await verify(row.secret_hash, secret).catch(() => false) : false;
  if (row && current && row.topics === topics) return { id, secret };

  const secretHash = await hash(secret);
  const now = deps.clock.now().getTime();
  if (row) {
    await deps.db.transaction((tx) =>
      tx.execute(`UPDATE worker_credential SET secret_hash = ?, topics = ?, revision = revision + 1 WHERE id = ? AND revoked = 0`, [secretHash, topics, id]),
    );
    return { id, secret };
  }
  try {
    await deps.db.transaction((tx) =>
      tx.execute(
        `INSERT INTO worker_credential (id, name, secret_hash, topics, tenant_id, created_by, revoked, created_at, revision) VALUES (?, ?, ?, ?, NULL, NULL, 0, ?, 1)`,
        [id, input.name, secretHash, topics, now],
      ),
    );
  } catch (err) {
    // Another start of the same worker inserted it first: same id, same derived secret.
    if (!(await read())) throw err;
  }
  return { id, secret };
}
