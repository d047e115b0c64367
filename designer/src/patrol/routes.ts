import { Guide } from '@element-plus/icons-vue';
import type { AppPage } from '@/router/AppPage';

/** Patrol routes (巡检路线 / 选择路线): ordered cameras, a task per stop, a schedule; run now with progress. */
const pages: AppPage[] = [
  {
    path: '/patrol-routes',
    name: 'patrol.routes',
    component: () => import('./PatrolRoutesPage.vue'),
    permissions: ['record.read'],
    nav: { titleKey: 'patrol.nav.routes', icon: Guide, section: 'workspace', order: 42 },
  },
  {
    path: '/patrol-routes/new',
    name: 'patrol.routes.new',
    component: () => import('./PatrolRouteEditorPage.vue'),
    permissions: ['record.write'],
  },
  {
    path: '/patrol-routes/:id',
    name: 'patrol.routes.edit',
    component: () => import('./PatrolRouteEditorPage.vue'),
    permissions: ['record.write'],
    props: true,
  },
];
export default pages;
