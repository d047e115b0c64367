import { z } from 'zod';

const field = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'must be a field name');

/**
 * A reminder a view declares (`content.reminders`): records of the view's
 * collection whose `dateField` (a date or epoch ms in the record's data) lies
 * within `leadDays` from now, or has passed, notify the users holding one of
 * `roles` in an org whose subtree contains the record's org — once per record,
 * date and event (`expiring`, then `expired`). `states` limits it to records
 * in those states; `labelField` names the record in the notification.
 */
export const ViewReminder = z.strictObject({
  dateField: field,
  leadDays: z.number().int().min(0).max(3650),
  roles: z.array(z.string().min(1).max(64)).min(1).max(20),
  states: z.array(z.string().min(1).max(64)).max(50).optional(),
  labelField: field.optional(),
});
export type ViewReminder = z.infer<typeof ViewReminder>;
