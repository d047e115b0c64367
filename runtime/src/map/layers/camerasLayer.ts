import type { MapLayerProvider } from '../MapLayerProvider';
import { loadCameras, LIVE_ALARM_HOURS, type MapCamera } from './loadCameras';

const COLOURS: Record<MapCamera['health'], string> = { ok: '#2e7d32', fault: '#ff6f00', offline: '#616161', unchecked: '#1565c0' };

/** Cameras (摄像头) at their site-plan location, coloured by their latest health check. */
export const camerasLayer: MapLayerProvider = {
  key: 'cameras',
  title: { zh: '摄像头（健康状态）', en: 'Cameras by health' },
  legend: [
    { colour: COLOURS.ok, label: { zh: '正常', en: 'OK' } },
    { colour: COLOURS.fault, label: { zh: '故障', en: 'Fault' } },
    { colour: COLOURS.offline, label: { zh: '离线', en: 'Offline' } },
    { colour: COLOURS.unchecked, label: { zh: '未检测', en: 'Not checked' } },
  ],
  async fetch(ctx) {
    return (await loadCameras(ctx)).map((c) => ({
      id: c.id,
      kind: 'point' as const,
      coords: [c.at],
      colour: COLOURS[c.health],
      label: c.name,
      status: c.health,
      props: { zone: c.zone?.name ?? null, zoneRisk: c.zone?.risk ?? null, enabled: c.enabled, lastCheckAt: c.lastCheckAt, liveAlarms: c.alarms.length, alarmHours: LIVE_ALARM_HOURS },
    }));
  },
};
