import type { MapLayerProvider } from '../MapLayerProvider';
import { loadCameras, LIVE_ALARM_HOURS } from './loadCameras';

const ALARM = '#d50000';

/** Live AI alarms (AI 告警): open alarms of the last {@link LIVE_ALARM_HOURS} hours, at their camera. */
export const alarmsLayer: MapLayerProvider = {
  key: 'alarms',
  title: { zh: `AI 实时告警（${LIVE_ALARM_HOURS} 小时内未处理）`, en: `Live AI alarms (open, last ${LIVE_ALARM_HOURS} h)` },
  legend: [{ colour: ALARM, label: { zh: '未处理告警', en: 'Open alarm' } }],
  async fetch(ctx) {
    return (await loadCameras(ctx)).flatMap((c) =>
      c.alarms.map((a) => ({
        id: a.id,
        kind: 'point' as const,
        coords: [c.at],
        colour: ALARM,
        label: `${a.label} · ${c.name}`,
        status: 'open',
        props: { camera: c.name, cameraId: c.id, label: a.label, confidence: a.confidence, occurrences: a.occurrences, lastAt: a.lastAt },
      })),
    );
  },
};
