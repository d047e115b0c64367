import { z } from 'zod';
import type { FormComponentDefinition } from './FormComponentDefinition';
import { haversineMeters } from './haversineMeters';

/** Value of the Location component. */
export const locationValueSchema = z.object({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  accuracy: z.number().nonnegative().optional(),
  capturedAt: z.string().min(1).max(40),
});

/**
 * A captured GPS position. With `geofence { lat, lng, radiusM }` in props the
 * position must lie within `radiusM` metres (haversine), else
 * `location.outside_geofence` with the distance.
 */
export const LocationComponent: FormComponentDefinition = {
  name: 'Location',
  role: 'field',
  valueSchema: locationValueSchema,
  propertySchema: {
    type: 'object',
    properties: {
      geofence: {
        type: 'object',
        title: '电子围栏',
        'x-title-en': 'Geofence',
        properties: {
          lat: { type: 'number', title: '纬度', 'x-title-en': 'Latitude' },
          lng: { type: 'number', title: '经度', 'x-title-en': 'Longitude' },
          radiusM: { type: 'number', minimum: 1, title: '半径 (米)', 'x-title-en': 'Radius (m)' },
        },
      },
      highAccuracy: { type: 'boolean', title: '高精度定位', 'x-title-en': 'High accuracy' },
    },
  },
  defaultProps: { highAccuracy: true },
  palette: {
    group: 'safeflow',
    order: 30,
    title: { 'zh-CN': '定位', en: 'Location' },
    snippet: { type: 'object', title: '位置', 'x-decorator': 'FormItem', 'x-component': 'Location' },
    rules: ['required'],
  },
  validate(value, props) {
    const v = value as z.infer<typeof locationValueSchema>;
    const fence = props.geofence as { lat?: unknown; lng?: unknown; radiusM?: unknown } | undefined;
    if (
      !fence ||
      typeof fence.lat !== 'number' ||
      typeof fence.lng !== 'number' ||
      typeof fence.radiusM !== 'number'
    )
      return [];
    const distanceM = Math.round(haversineMeters(v, { lat: fence.lat, lng: fence.lng }));
    return distanceM > fence.radiusM
      ? [{ code: 'location.outside_geofence', params: { distanceM, radiusM: fence.radiusM } }]
      : [];
  },
};
