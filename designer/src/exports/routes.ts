import { DataAnalysis, Files } from '@element-plus/icons-vue';
import type { AppPage } from '@/router/AppPage';

/** Exports: my export jobs, and the hazard statistics with their PDF / xlsx exports. */
const pages: AppPage[] = [
  {
    path: '/exports',
    name: 'exports.jobs',
    component: () => import('./ExportsPage.vue'),
    nav: { titleKey: 'exports.nav.jobs', icon: Files, section: 'workspace', order: 60 },
  },
  {
    path: '/hazard-statistics',
    name: 'exports.hazardStatistics',
    component: () => import('./HazardStatisticsPage.vue'),
    permissions: ['record.read'],
    nav: { titleKey: 'exports.nav.hazardStatistics', icon: DataAnalysis, section: 'workspace', order: 50 },
  },
];
export default pages;
