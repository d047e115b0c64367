import { Monitor, Share } from '@element-plus/icons-vue';
import type { AppPage } from '@/router/AppPage';

/** Process modeler and instance monitor pages (modeler engineer). bpmn-js loads only with these chunks. */
const pages: AppPage[] = [
  {
    path: '/studio/processes',
    name: 'studio.processes',
    component: () => import('./ProcessListPage.vue'),
    permissions: ['engine.deploy'],
    nav: { titleKey: 'shell.nav.processes', icon: Share, section: 'studio', order: 20 },
  },
  {
    path: '/studio/processes/:processKey',
    name: 'studio.processes.model',
    component: () => import('./ProcessModelerPage.vue'),
    permissions: ['engine.deploy'],
  },
  {
    path: '/studio/instances',
    name: 'studio.instances',
    component: () => import('./InstancesPage.vue'),
    permissions: ['engine.operate'],
    nav: { titleKey: 'shell.nav.instances', icon: Monitor, section: 'studio', order: 30 },
  },
  {
    path: '/studio/instances/:instanceId',
    name: 'studio.instances.detail',
    component: () => import('./InstancePage.vue'),
    permissions: ['engine.operate'],
  },
];
export default pages;
