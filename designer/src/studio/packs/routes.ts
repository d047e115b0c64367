import { Box } from '@element-plus/icons-vue';
import type { AppPage } from '@/router/AppPage';

/** Template packs: installed packs with their install history, import (folder or zip) with per-file validation and a diff, install/upgrade, export. */
const pages: AppPage[] = [
  {
    path: '/studio/packs',
    name: 'studio.packs',
    component: () => import('./PacksPage.vue'),
    permissions: ['definition.write'],
    nav: { titleKey: 'shell.nav.packs', icon: Box, section: 'studio', order: 60 },
  },
];
export default pages;
