import { FirstAidKit, VideoCamera } from '@element-plus/icons-vue';
import type { AppPage } from '@/router/AppPage';

/** The camera registry (摄像头) and the daily camera health report (视频诊断日报); changes need record.write (checked by the API and the page). */
const pages: AppPage[] = [
  {
    path: '/cameras',
    name: 'cameras.list',
    component: () => import('./CamerasPage.vue'),
    permissions: ['record.read'],
    nav: { titleKey: 'cameras.nav.list', icon: VideoCamera, section: 'workspace', order: 42 },
  },
  {
    path: '/cameras/health',
    name: 'cameras.health',
    module: 'videoDiagnostics',
    component: () => import('./HealthReportPage.vue'),
    permissions: ['record.read'],
    nav: { titleKey: 'cameras.nav.health', icon: FirstAidKit, section: 'workspace', order: 43 },
  },
];
export default pages;
