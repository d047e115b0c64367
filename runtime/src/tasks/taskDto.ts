import { z } from 'zod';

/** An inbox row as `/api/v1/tasks` returns it. */
export const inboxTaskDto = z.object({
  id: z.string(),
  name: z.string().nullable(),
  description: z.string().nullable(),
  taskDefinitionKey: z.string(),
  processInstanceId: z.string(),
  processDefinitionId: z.string(),
  processKey: z.string().nullable(),
  processName: z.string().nullable(),
  businessKey: z.string().nullable(),
  assignee: z.string().nullable(),
  assignedToMe: z.boolean(),
  /** Unassigned (anyone offered it may claim it). */
  claimable: z.boolean(),
  priority: z.number(),
  /** ISO 8601. */
  created: z.string(),
  due: z.string().nullable(),
  overdue: z.boolean(),
  /** The raw `camunda:formKey`. */
  formKey: z.string().nullable(),
  /** The SafeFlow form it names (`version` null = latest published). */
  form: z.object({ key: z.string(), version: z.number().nullable() }).nullable(),
  orgId: z.string().nullable(),
  orgName: z.string().nullable(),
  orgPath: z.string().nullable(),
  tenantId: z.string().nullable(),
});

const bool = z.enum(['true', 'false']).transform((v) => v === 'true');
const date = z.string().max(40).transform((v, ctx) => {
  const t = Date.parse(v);
  if (Number.isNaN(t)) {
    ctx.addIssue({ code: 'custom', message: 'expected an ISO 8601 date' });
    return z.NEVER;
  }
  return t;
});

/** Query of `GET /api/v1/tasks`. */
export const inboxQuerySchema = z.strictObject({
  scope: z.enum(['inbox', 'mine', 'claimable', 'all']).optional(),
  orgId: z.string().max(36).optional(),
  overdue: bool.optional(),
  dueBefore: date.optional(),
  dueAfter: date.optional(),
  processKey: z.string().max(255).optional(),
  q: z.string().max(200).optional(),
  page: z.coerce.number().int().min(1).max(100_000).optional(),
  pageSize: z.coerce.number().int().min(1).max(200).optional(),
});
