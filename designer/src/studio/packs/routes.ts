import { Box } from '@element-plus/icons-vue';
import type { AppPage } from '@/router/AppPage';

/**
 * Template pack import/export — owned by the studio (or whoever takes it) engineer. Placeholder: a navigation entry to the
 * "coming" page until the real page lands (replace `component`).
 */
const pages: AppPage[] = [
  {
    path: '/studio/packs',
    name: 'studio.packs',
    component: () => import('@/pages/ComingSoonPage.vue'),
    permissions: ['definition.write'],
    nav: { titleKey: 'shell.nav.packs', icon: Box, section: 'studio', order: 60 },
  },
];
export default pages;
