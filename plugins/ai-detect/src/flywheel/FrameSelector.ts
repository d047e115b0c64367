/**
 * Which frames go into the flywheel dataset: every alarm's frame (alarms are already
 * deduplicated, and each is reviewed), plus frames with a
 * detection near the decision threshold (|confidence − threshold| < ε) — at most
 * `maxPerHour` per camera — and never a near duplicate (dHash distance ≤ `maxDistance`)
 * of a frame already kept for that camera within `duplicateWindowMs`.
 */

/** Settings of the selection. */
export interface FrameSelectorOptions {
  epsilon?: number;
  maxPerHour?: number;
  maxDistance?: number;
  duplicateWindowMs?: number;
}

/** One candidate frame. */
export interface FrameCandidate {
  cameraId: string;
  at: number;
  hash: string;
  /** Confidences of the frame's detections and the threshold they were judged against. */
  confidences: number[];
  threshold: number;
  /** The frame raised an alarm (always wanted unless a duplicate). */
  alarm?: boolean;
}

/** The decision on one candidate. */
export type FrameDecision = { keep: true; reason: 'alarm' | 'near_threshold' } | { keep: false; reason: 'duplicate' | 'rate_limited' | 'not_informative' };

import { hammingDistance } from './dHash';

/** Stateful selector (one per node; the store keeps what was kept). */
export class FrameSelector {
  private readonly kept = new Map<string, { at: number; hash: string; reason: string }[]>();
  private readonly o: Required<FrameSelectorOptions>;

  constructor(options: FrameSelectorOptions = {}) {
    this.o = { epsilon: 0.1, maxPerHour: 20, maxDistance: 5, duplicateWindowMs: 3_600_000, ...options };
  }

  /** Seeds the state with frames kept earlier (e.g. read from the store at start). */
  remember(cameraId: string, at: number, hash: string, reason = 'near_threshold'): void {
    this.kept.set(cameraId, [...(this.kept.get(cameraId) ?? []), { at, hash, reason }]);
  }

  /** Decides and, when kept, remembers the frame. */
  consider(c: FrameCandidate): FrameDecision {
    const recent = (this.kept.get(c.cameraId) ?? []).filter((k) => c.at - k.at < Math.max(this.o.duplicateWindowMs, 3_600_000));
    this.kept.set(c.cameraId, recent);
    if (c.alarm) {
      // every alarm keeps its frame: its review (true / false) labels it
      recent.push({ at: c.at, hash: c.hash, reason: 'alarm' });
      return { keep: true, reason: 'alarm' };
    }
    if (recent.some((k) => c.at - k.at < this.o.duplicateWindowMs && hammingDistance(k.hash, c.hash) <= this.o.maxDistance)) return { keep: false, reason: 'duplicate' };
    if (!c.confidences.some((v) => Math.abs(v - c.threshold) < this.o.epsilon)) return { keep: false, reason: 'not_informative' };
    const lastHour = recent.filter((k) => k.reason === 'near_threshold' && c.at - k.at < 3_600_000).length;
    if (lastHour >= this.o.maxPerHour) return { keep: false, reason: 'rate_limited' };
    recent.push({ at: c.at, hash: c.hash, reason: 'near_threshold' });
    return { keep: true, reason: 'near_threshold' };
  }
}
