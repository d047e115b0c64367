import { Monitor, Share } from '@element-plus/icons-vue';
import type { AppPage } from '@/router/AppPage';

/**
 * Process modeler and instance monitor pages — owned by the modeler engineer. Placeholder: a navigation entry to the
 * "coming" page until the real page lands (replace `component`).
 */
const pages: AppPage[] = [
  {
    path: '/studio/processes',
    name: 'studio.processes',
    component: () => import('@/pages/ComingSoonPage.vue'),
    permissions: ['engine.deploy'],
    nav: { titleKey: 'shell.nav.processes', icon: Share, section: 'studio', order: 20 },
  },
  {
    path: '/studio/instances',
    name: 'studio.instances',
    component: () => import('@/pages/ComingSoonPage.vue'),
    permissions: ['engine.operate'],
    nav: { titleKey: 'shell.nav.instances', icon: Monitor, section: 'studio', order: 30 },
  },
];
export default pages;
