import { DataAnalysis } from '@element-plus/icons-vue';
import type { AppPage } from '@/router/AppPage';

/** Dashboards (数据看板): the dashboards declared by the installed packs. */
const pages: AppPage[] = [
  {
    path: '/dashboards',
    name: 'dashboards.home',
    component: () => import('./DashboardPage.vue'),
    permissions: ['record.read'],
    nav: { titleKey: 'dashboards.nav', icon: DataAnalysis, section: 'workspace', order: 25 },
  },
  {
    path: '/dashboards/:dashKey',
    name: 'dashboards.view',
    component: () => import('./DashboardPage.vue'),
    permissions: ['record.read'],
    props: true,
  },
];
export default pages;
