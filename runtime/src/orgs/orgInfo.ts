import { z } from 'zod';
import { SafeFlowError } from '@safeflow/engine/errors';
import { toFieldIssues } from '../http/zodIssues';

const phone = z.string().max(50);
const fileId = z.string().max(36);

/** Archive fields of a park (园区档案). */
export const parkInfoSchema = z.strictObject({
  name: z.string().max(200).optional(),
  safetyLead: z.string().max(100).optional(),
  emergencyPhone: phone.optional(),
  emergencySuppliesCount: z.number().int().min(0).optional(),
  securityStaffCount: z.number().int().min(0).optional(),
  /** Area in square metres. */
  area: z.number().min(0).optional(),
  address: z.string().max(500).optional(),
  longitude: z.number().min(-180).max(180).optional(),
  latitude: z.number().min(-90).max(90).optional(),
  backgroundImageFileId: fileId.optional(),
  sitePlanImageFileId: fileId.optional(),
});

/** Risk levels of an enterprise: 重大 / 较大 / 一般 / 低. */
export const RISK_LEVELS = ['major', 'significant', 'general', 'low'] as const;

/** Archive fields of an enterprise (企业档案). `number` and `riskLevel` are indexed columns too. */
export const enterpriseInfoSchema = z.strictObject({
  /** Enterprise number, e.g. DYRA1706237606. */
  number: z
    .string()
    .regex(/^[A-Za-z0-9-]{1,64}$/)
    .optional(),
  name: z.string().max(200).optional(),
  industry: z.string().max(100).optional(),
  riskLevel: z.enum(RISK_LEVELS).optional(),
  /** 注销状态, e.g. `active` / `writtenOff`. */
  writeOffState: z.string().max(50).optional(),
  legalRepresentative: z.string().max(100).optional(),
  contact: z.string().max(100).optional(),
  phone: phone.optional(),
});

/** Fields any other org type may carry. */
export const basicInfoSchema = z.strictObject({
  address: z.string().max(500).optional(),
  contact: z.string().max(100).optional(),
  phone: phone.optional(),
  description: z.string().max(2000).optional(),
  longitude: z.number().min(-180).max(180).optional(),
  latitude: z.number().min(-90).max(90).optional(),
});

/** Park info, enterprise info or the basic fields, by org type. */
export type OrgInfo =
  z.infer<typeof parkInfoSchema> | z.infer<typeof enterpriseInfoSchema> | z.infer<typeof basicInfoSchema>;

/** The info schema of an org type. */
export function infoSchemaFor(type: string): z.ZodType<Record<string, unknown>> {
  if (type === 'park') return parkInfoSchema;
  if (type === 'enterprise') return enterpriseInfoSchema;
  return basicInfoSchema;
}

/** Validates `info` for an org of `type`; throws `request.invalid` (400) with `body.info.*` field paths. */
export function parseOrgInfo(type: string, info: unknown): Record<string, unknown> {
  const result = infoSchemaFor(type).safeParse(info ?? {});
  if (result.success) return result.data;
  const issues = toFieldIssues(result.error, 'body.info');
  throw new SafeFlowError(
    'request.invalid',
    `Invalid info for a ${type}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    {
      status: 400,
      details: { issues },
    },
  );
}
