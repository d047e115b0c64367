import { Grid } from '@element-plus/icons-vue';
import type { AppPage } from '@/router/AppPage';

/**
 * Collections and ledger views — owned by the studio (or whoever takes it) engineer. Placeholder: a navigation entry to the
 * "coming" page until the real page lands (replace `component`).
 */
const pages: AppPage[] = [
  {
    path: '/studio/collections',
    name: 'studio.collections',
    component: () => import('@/pages/ComingSoonPage.vue'),
    permissions: ['definition.write'],
    nav: { titleKey: 'shell.nav.collections', icon: Grid, section: 'studio', order: 50 },
  },
];
export default pages;
