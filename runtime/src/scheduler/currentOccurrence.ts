import { occurrencesBetween, occurrenceWindow } from './nextOccurrence';
import type { ScheduleContent } from './ScheduleContent';

const LOOK_BACK_MS = 31 * 86_400_000;

/**
 * The occurrence of a schedule whose window is open at `now`: the latest
 * occurrence at or before `now` (looking back 31 days) when its miss time is
 * still ahead; undefined when there is none (e.g. a weekday schedule on a
 * Sunday, or an evening after the miss time).
 */
export function currentOccurrence(content: ScheduleContent, now: Date): Date | undefined {
  const times = occurrencesBetween(content, new Date(now.getTime() - LOOK_BACK_MS), now);
  const last = times[times.length - 1];
  if (!last) return undefined;
  return occurrenceWindow(content, last).missAt.getTime() > now.getTime() ? last : undefined;
}
