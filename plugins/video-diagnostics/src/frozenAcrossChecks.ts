import type { CameraPictureState } from '@safeflow/plugin-kit';
import { signatureDiff } from './pictureSignature';

/** Outcome of comparing this check's picture with the previous checks'. */
export interface FrozenAcross {
  /** The state to store for the next check. */
  next: CameraPictureState;
  /** How long consecutive checks have seen this same picture (0 when it changed or is the first). */
  frozenForMs: number;
  /** True when that lasted at least `frozenAfterMs`. */
  frozen: boolean;
}

/**
 * The frozen-picture check across checks: the same picture (signature difference ≤ `maxDiff`)
 * seen by consecutive checks for at least `afterMs` is frozen; a changed picture starts over.
 */
export function frozenAcrossChecks(previous: CameraPictureState | null, signature: string, now: number, t: { frozenSignatureMaxDiff: number; frozenAfterMs: number }): FrozenAcross {
  const same = previous !== null && signatureDiff(previous.signature, signature) <= t.frozenSignatureMaxDiff;
  const since = same ? previous!.since : now;
  const frozenForMs = now - since;
  // keep the first signature of a frozen run, so a slow drift cannot hide behind small steps
  return { next: { signature: same ? previous!.signature : signature, since, at: now }, frozenForMs, frozen: same && frozenForMs >= t.frozenAfterMs };
}
