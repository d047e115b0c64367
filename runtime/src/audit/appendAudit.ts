import crypto from 'node:crypto';
import type { Clock } from '../app/AppDeps';
import type { Tx } from '../db/Database';
import { auditDigest, auditHash, GENESIS_HASH } from './auditHash';

/** What changed, by whom: one entry of the audit trail (留痕). */
export interface AuditEntry {
  actorId: string;
  actorName: string;
  /** The org the changed thing belongs to (for scoped reads of the trail). */
  orgId?: string | null;
  orgPath?: string | null;
  /** Stable verb, `<thing>.<verb>`: `org.create`, `user.disable`, `file.upload`. */
  action: string;
  targetType: string;
  targetId: string;
  /** The change itself (new values, diff, ...); only its sha256 digest is stored. */
  change?: unknown;
}

/** Actor used for changes made by the system itself (demo seed, CLI). */
export const SYSTEM_ACTOR = { actorId: 'system', actorName: 'system' } as const;

/**
 * Appends one entry to the hash-chained audit log inside the caller's
 * transaction `tx`, so the entry commits or rolls back with the change it
 * records. Call it from EVERY mutating operation, in the same transaction.
 *
 * The chain head (`audit_head`, one row) is read with `SELECT ... FOR UPDATE`
 * on MySQL/MariaDB, which serialises concurrent appenders until commit
 * (SQLite transactions are serialised already). The new row gets
 * `seq = head.seq + 1`, `digest = sha256(canonical JSON of change)`,
 * `prev_hash = head.hash` and `hash = sha256(prev_hash + canonical fields)`.
 * Verify with `verifyAuditChain`.
 */
export async function appendAudit(tx: Tx, deps: { clock: Clock }, entry: AuditEntry): Promise<void> {
  const lock = tx.dialect === 'mysql' ? ' FOR UPDATE' : '';
  const [head] = await tx.query<{ last_seq: number | string; last_hash: string }>(
    `SELECT last_seq, last_hash FROM audit_head WHERE id = 1${lock}`,
  );
  const prevSeq = head ? Number(head.last_seq) : 0;
  const prevHash = head?.last_hash || GENESIS_HASH;
  const fields = {
    seq: prevSeq + 1,
    id: crypto.randomUUID(),
    at: deps.clock.now().getTime(),
    actorId: entry.actorId,
    actorName: entry.actorName,
    orgId: entry.orgId ?? null,
    orgPath: entry.orgPath ?? null,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    digest: auditDigest(entry.change),
  };
  const hash = auditHash(prevHash, fields);
  await tx.execute(
    `INSERT INTO audit_log (seq, id, at, actor_id, actor_name, org_id, org_path, action, target_type, target_id, digest, prev_hash, hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      fields.seq,
      fields.id,
      fields.at,
      fields.actorId,
      fields.actorName,
      fields.orgId,
      fields.orgPath,
      fields.action,
      fields.targetType,
      fields.targetId,
      fields.digest,
      prevHash,
      hash,
    ],
  );
  const updated = head
    ? await tx.execute(`UPDATE audit_head SET last_seq = ?, last_hash = ? WHERE id = 1`, [fields.seq, hash])
    : await tx.execute(`INSERT INTO audit_head (id, last_seq, last_hash) VALUES (1, ?, ?)`, [
        fields.seq,
        hash,
      ]);
  if (updated !== 1) throw new Error('audit_head was not updated');
}
