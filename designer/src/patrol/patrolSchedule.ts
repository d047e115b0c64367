import { nextTimerDate, parseIsoDuration } from '@safeflow/engine/bpmn';

/** The schedules offered as one tap (the value is what the route stores). */
export const SCHEDULE_PRESETS = [
  { key: 'hourly', value: 'R/PT1H' },
  { key: 'every2h', value: 'R/PT2H' },
  { key: 'every4h', value: 'R/PT4H' },
  { key: 'daily8', value: '0 0 8 * * ?' },
  { key: 'twiceDaily', value: '0 0 8,14 * * ?' },
  { key: 'workdays9', value: '0 0 9 ? * MON-FRI' },
] as const;

/** A text for people: an i18n key under `patrol.schedule.words` and its parameters. */
export interface ScheduleWords {
  key: string;
  params?: Record<string, string | number>;
}

/**
 * Checks a schedule the way the engine's timer will read it (ISO 8601 repeating interval
 * `R[n]/[start/]duration`, or Quartz cron with seconds): null when fine, else an i18n key
 * under `patrol.schedule.errors`. An expression that never fires again is refused too.
 */
export function scheduleProblem(text: string, now: Date = new Date()): string | null {
  const v = text.trim();
  if (!v) return 'empty';
  const iso = v.startsWith('R');
  if (!iso && v.split(/\s+/).length < 6) return 'cronFields';
  try {
    const next = nextTimerDate({ kind: 'timeCycle', expression: v }, now);
    if (!next) return 'never';
  } catch {
    return iso ? 'iso' : 'cron';
  }
  if (iso) {
    const duration = v.split('/').find((p) => p.startsWith('P'));
    if (duration && minutesOf(duration) < 5) return 'tooOften';
  }
  return null;
}

function minutesOf(duration: string): number {
  const d = parseIsoDuration(duration);
  return d.years * 525_600 + d.months * 43_200 + d.weeks * 10_080 + d.days * 1_440 + d.hours * 60 + d.minutes + d.seconds / 60;
}

/** The next time the schedule fires after `now` (null when none or invalid). */
export function nextRun(text: string, now: Date = new Date()): Date | null {
  try {
    return nextTimerDate({ kind: 'timeCycle', expression: text.trim() }, now)?.dueDate ?? null;
  } catch {
    return null;
  }
}

/** The schedule in words: a preset's name, "every N hours/minutes/days" for a plain `R/PT…`, else the expression itself. */
export function scheduleWords(schedule: string | null): ScheduleWords {
  if (!schedule) return { key: 'manual' };
  const preset = SCHEDULE_PRESETS.find((p) => p.value === schedule.trim());
  if (preset) return { key: preset.key };
  const m = /^R\/P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/.exec(schedule.trim());
  if (m && (m[1] || m[2] || m[3])) {
    const [d, h, min] = [Number(m[1] ?? 0), Number(m[2] ?? 0), Number(m[3] ?? 0)];
    if (d && !h && !min) return { key: 'everyDays', params: { n: d } };
    if (!d && h && !min) return { key: 'everyHours', params: { n: h } };
    if (!d && !h && min) return { key: 'everyMinutes', params: { n: min } };
  }
  const daily = /^0 (\d{1,2}) (\d{1,2}) \* \* \?$/.exec(schedule.trim());
  if (daily) return { key: 'dailyAt', params: { time: `${daily[2]!.padStart(2, '0')}:${daily[1]!.padStart(2, '0')}` } };
  return { key: 'custom', params: { expression: schedule } };
}
