import { MapLocation } from '@element-plus/icons-vue';
import type { AppPage } from '@/router/AppPage';

/** The park map (园区一张图). */
const pages: AppPage[] = [
  {
    path: '/map',
    name: 'map.park',
    module: 'parkMap',
    component: () => import('./ParkMapPage.vue'),
    permissions: ['record.read'],
    nav: { titleKey: 'map.nav', icon: MapLocation, section: 'workspace', order: 30 },
  },
];
export default pages;
