import type { Database } from '../db/Database';
import { auditHash, GENESIS_HASH } from './auditHash';

/** Outcome of {@link verifyAuditChain}. */
export type AuditChainResult =
  { ok: true; count: number } | { ok: false; brokenAtSeq: number; reason: string };

interface AuditRow {
  seq: number;
  id: string;
  at: number;
  actor_id: string;
  actor_name: string;
  org_id: string | null;
  org_path: string | null;
  action: string;
  target_type: string;
  target_id: string;
  digest: string;
  prev_hash: string;
  hash: string;
}

const BATCH = 2000;

/**
 * Re-computes the audit chain from the first entry: sequence numbers must be
 * 1, 2, 3, ... without gaps, each `prev_hash` must equal the previous entry's
 * `hash`, each `hash` must match the entry's fields, and the chain head
 * (`audit_head`) must point at the last entry (so truncating the tail is
 * caught too). Reports the first broken link. Reads in batches.
 */
export async function verifyAuditChain(db: Database): Promise<AuditChainResult> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let count = 0;
  for (;;) {
    const rows = await db.query<AuditRow>(
      `SELECT seq, id, at, actor_id, actor_name, org_id, org_path, action, target_type, target_id, digest, prev_hash, hash
         FROM audit_log WHERE seq >= ? ORDER BY seq LIMIT ${BATCH}`,
      [expectedSeq],
    );
    for (const r of rows) {
      const seq = Number(r.seq);
      if (seq !== expectedSeq)
        return {
          ok: false,
          brokenAtSeq: expectedSeq,
          reason: `entry ${expectedSeq} is missing (next is ${seq})`,
        };
      if (r.prev_hash !== prevHash)
        return {
          ok: false,
          brokenAtSeq: seq,
          reason: `prev_hash does not match the hash of entry ${seq - 1}`,
        };
      const hash = auditHash(prevHash, {
        seq,
        id: r.id,
        at: Number(r.at),
        actorId: r.actor_id,
        actorName: r.actor_name,
        orgId: r.org_id,
        orgPath: r.org_path,
        action: r.action,
        targetType: r.target_type,
        targetId: r.target_id,
        digest: r.digest,
      });
      if (hash !== r.hash)
        return { ok: false, brokenAtSeq: seq, reason: `entry ${seq} was altered (hash mismatch)` };
      prevHash = r.hash;
      expectedSeq++;
      count++;
    }
    if (rows.length < BATCH) break;
  }
  const [head] = await db.query<{ last_seq: number; last_hash: string }>(
    `SELECT last_seq, last_hash FROM audit_head WHERE id = 1`,
  );
  if (head && (Number(head.last_seq) !== count || (count > 0 && head.last_hash !== prevHash))) {
    return {
      ok: false,
      brokenAtSeq: count + 1,
      reason: `the chain head is at entry ${Number(head.last_seq)} but the log ends at ${count}`,
    };
  }
  return { ok: true, count };
}
