import { Operation } from '@element-plus/icons-vue';
import type { AppPage } from '@/router/AppPage';

/**
 * Ruleset and LEC editor pages — owned by the modeler engineer. Placeholder: a navigation entry to the
 * "coming" page until the real page lands (replace `component`).
 */
const pages: AppPage[] = [
  {
    path: '/studio/rules',
    name: 'studio.rules',
    component: () => import('@/pages/ComingSoonPage.vue'),
    permissions: ['definition.write'],
    nav: { titleKey: 'shell.nav.rules', icon: Operation, section: 'studio', order: 40 },
  },
];
export default pages;
