import { Document } from '@element-plus/icons-vue';
import type { AppPage } from '@/router/AppPage';

/**
 * Form designer pages — owned by the studio engineer. Placeholder: a navigation entry to the
 * "coming" page until the real page lands (replace `component`).
 */
const pages: AppPage[] = [
  {
    path: '/studio/forms',
    name: 'studio.forms',
    component: () => import('@/pages/ComingSoonPage.vue'),
    permissions: ['definition.write'],
    nav: { titleKey: 'shell.nav.forms', icon: Document, section: 'studio', order: 10 },
  },
];
export default pages;
