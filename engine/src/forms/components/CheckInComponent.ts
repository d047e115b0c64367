import { z } from 'zod';
import type { ComponentIssue, FormComponentDefinition } from './FormComponentDefinition';
import { haversineMeters } from './haversineMeters';

/** Value of the CheckIn component. */
export const checkInValueSchema = z.object({
  method: z.enum(['gps', 'qr']),
  lat: z.number().min(-90).max(90).optional(),
  lng: z.number().min(-180).max(180).optional(),
  accuracy: z.number().nonnegative().optional(),
  qrToken: z.string().max(256).optional(),
  at: z.string().min(1).max(40),
});

/** Tolerated clock skew of a check-in time ahead of the server's clock. */
const MAX_FUTURE_SKEW_MS = 5 * 60_000;

/**
 * On-site check-in against the task's location (server context only): by
 * GPS within `taskLocation.radiusM` (else `checkin.too_far` with
 * `distanceM`), or by the QR token printed at the location
 * (`checkin.qr_mismatch`). A check-in time more than 5 minutes in the future
 * is `checkin.in_future`. Without a server context only the shape is checked.
 */
export const CheckInComponent: FormComponentDefinition = {
  name: 'CheckIn',
  role: 'field',
  valueSchema: checkInValueSchema.refine(
    (v) => (v.method === 'gps' ? v.lat !== undefined && v.lng !== undefined : typeof v.qrToken === 'string'),
    {
      message: 'gps check-ins need lat and lng; qr check-ins need qrToken',
    },
  ),
  propertySchema: {
    type: 'object',
    properties: {
      methods: {
        type: 'array',
        items: { type: 'string', enum: ['gps', 'qr'] },
        title: '签到方式',
        'x-title-en': 'Methods',
        'x-enum-labels': { gps: { 'zh-CN': 'GPS 定位', en: 'GPS' }, qr: { 'zh-CN': '扫码', en: 'QR code' } },
      },
    },
  },
  defaultProps: { methods: ['gps', 'qr'] },
  palette: {
    group: 'safeflow',
    order: 40,
    title: { 'zh-CN': '现场签到', en: 'Check-in' },
    snippet: { type: 'object', title: '现场签到', 'x-decorator': 'FormItem', 'x-component': 'CheckIn' },
    rules: ['required'],
  },
  async validate(value, _props, ctx) {
    const server = ctx.server;
    if (!server) return [];
    const v = value as z.infer<typeof checkInValueSchema>;
    const issues: ComponentIssue[] = [];
    const at = Date.parse(v.at);
    if (!Number.isNaN(at) && at > server.now().getTime() + MAX_FUTURE_SKEW_MS)
      issues.push({ code: 'checkin.in_future' });
    const loc = server.taskLocation;
    if (!loc) return [...issues, { code: 'checkin.no_task_location' }];
    if (v.method === 'qr') {
      if (!loc.qrToken || v.qrToken !== loc.qrToken) issues.push({ code: 'checkin.qr_mismatch' });
    } else {
      const distanceM = Math.round(haversineMeters({ lat: v.lat!, lng: v.lng! }, loc));
      if (distanceM > loc.radiusM)
        issues.push({ code: 'checkin.too_far', params: { distanceM, radiusM: loc.radiusM } });
    }
    return issues;
  },
};
