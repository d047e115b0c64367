import { z } from 'zod';
import { nextCronDate, parseIsoDuration } from '@safeflow/engine/bpmn';

const isoDuration = z.string().max(64).refine((s) => {
  try {
    parseIsoDuration(s);
    return true;
  } catch {
    return false;
  }
}, 'must be an ISO 8601 duration (e.g. PT8H, P1D)');

const isoDate = z.string().max(64).refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO 8601 date-time');

const cron = z.string().min(1).max(200).refine((s) => {
  if (s.trim().split(/\s+/).length < 6) return false;
  try {
    nextCronDate(s, new Date(0));
    return true;
  } catch {
    return false;
  }
}, 'must be a Quartz cron expression that fires (seconds first, e.g. "0 0 8 ? * MON-FRI")');

/** A form definition key (as in `safeflow:forms/<key>@latest`). */
const formKey = z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,127}$/, 'must be a form key');

/** When occurrences happen: a Quartz cron at a fixed UTC offset, or every N units from an anchor. */
export const Cadence = z.union([
  z.strictObject({ cron, utcOffsetMinutes: z.number().int().min(-720).max(840).optional() }),
  z.strictObject({
    every: z.strictObject({ n: z.number().int().min(1).max(1000), unit: z.enum(['hours', 'days', 'weeks', 'months']) }),
    anchor: isoDate,
  }),
]);
export type Cadence = z.infer<typeof Cadence>;

/** Content of a `schedule` definition and of `POST /api/v1/schedules` (see the scheduler README). */
export const ScheduleContent = z.strictObject({
  cadence: Cadence,
  window: z
    .strictObject({ start: isoDuration.optional(), due: isoDuration.optional(), miss: isoDuration.optional() })
    .optional(),
  targets: z.strictObject({
    orgIds: z.array(z.string().min(1).max(36)).max(1000).optional(),
    orgTypes: z.array(z.string().min(1).max(64)).max(20).optional(),
    under: z.string().min(1).max(36).optional(),
    locations: z.array(z.string().min(1).max(200)).max(500).optional(),
    roles: z.array(z.string().min(1).max(64)).max(20).optional(),
  }).refine((t) => (t.orgIds?.length ?? 0) > 0 || (t.orgTypes?.length ?? 0) > 0, 'targets need orgIds or orgTypes'),
  action: z
    .strictObject({
      /** Each occurrence starts this process. */
      process: z.string().min(1).max(128).optional(),
      /** Or each occurrence creates one inbox task with this form (the built-in `safeflow-scheduled-task` process). */
      task: z.strictObject({ form: formKey, name: z.string().min(1).max(200) }).optional(),
      variables: z.record(z.string().max(64), z.unknown()).optional(),
    })
    .refine((a) => (a.process === undefined) !== (a.task === undefined), 'action needs exactly one of process or task'),
  catchUp: z.enum(['all', 'latest', 'none']).optional(),
  startAt: isoDate.optional(),
  endAt: isoDate.nullable().optional(),
  active: z.boolean().optional(),
});
export type ScheduleContent = z.infer<typeof ScheduleContent>;
