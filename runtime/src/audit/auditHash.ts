import crypto from 'node:crypto';
import { canonicalJson } from './canonicalJson';

/** `prev_hash` of the first audit entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an audit row that its hash covers. */
export interface AuditRowFields {
  seq: number;
  id: string;
  at: number;
  actorId: string;
  actorName: string;
  orgId: string | null;
  orgPath: string | null;
  action: string;
  targetType: string;
  targetId: string;
  digest: string;
}

/** Hex sha256 of a string. */
export function sha256(text: string): string {
  return crypto.createHash('sha256').update(text, 'utf8').digest('hex');
}

/** `digest` of a change: sha256 of its canonical JSON (`null` when there is none). */
export function auditDigest(change: unknown): string {
  return sha256(canonicalJson(change ?? null));
}

/** `hash` of an audit row: sha256(prevHash + canonical JSON of its fields). */
export function auditHash(prevHash: string, row: AuditRowFields): string {
  return sha256(prevHash + canonicalJson(row));
}
