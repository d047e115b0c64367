import { z } from 'zod';
import { cameraSourceSchema, riskColours } from '@safeflow/plugin-kit';

/** Body of `POST /api/v1/cameras`. */
export const CameraCreate = z.strictObject({
  orgId: z.string().min(1).max(36),
  name: z.string().trim().min(1).max(200),
  source: cameraSourceSchema,
  location: z.strictObject({ x: z.number().finite(), y: z.number().finite() }).nullable().default(null),
  zone: z.strictObject({ name: z.string().trim().min(1).max(100), risk: z.enum(riskColours) }).nullable().default(null),
  diagnostics: z
    .strictObject({
      thresholds: z.record(z.string().max(64), z.number().finite()).default({}),
      baseline: z.record(z.string().max(64), z.number().finite()).nullable().default(null),
    })
    .default({ thresholds: {}, baseline: null }),
  enabled: z.boolean().default(true),
});
export type CameraCreateInput = z.infer<typeof CameraCreate>;

/** Body of `PUT /api/v1/cameras/:id` (the whole camera, with the revision it was based on; the org does not change). */
export const CameraUpdate = CameraCreate.omit({ orgId: true }).extend({ revision: z.number().int().positive() });
export type CameraUpdateInput = z.infer<typeof CameraUpdate>;

/** A camera as the API returns it (RTSP passwords shown as `***`). */
export const CameraOut = z.object({
  id: z.string(),
  orgId: z.string(),
  name: z.string(),
  source: cameraSourceSchema,
  location: z.object({ x: z.number(), y: z.number() }).nullable(),
  zone: z.object({ name: z.string(), risk: z.enum(riskColours) }).nullable(),
  diagnostics: z.object({ thresholds: z.record(z.string(), z.number()), baseline: z.record(z.string(), z.number()).nullable() }),
  enabled: z.boolean(),
  revision: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CameraDto = z.infer<typeof CameraOut>;
