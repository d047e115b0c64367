import { Tickets } from '@element-plus/icons-vue';
import type { AppPage } from '@/router/AppPage';

/** Ledger views: the list and the editor of one view's columns, filters, default sort and export columns, with a live preview. */
const pages: AppPage[] = [
  {
    path: '/studio/views',
    name: 'studio.views',
    component: () => import('./ViewListPage.vue'),
    permissions: ['definition.write'],
    nav: { titleKey: 'studioViews.nav', icon: Tickets, section: 'studio', order: 55 },
  },
  {
    path: '/studio/views/:viewKey',
    name: 'studio.views.edit',
    component: () => import('./ViewEditorPage.vue'),
    permissions: ['definition.write'],
  },
];
export default pages;
