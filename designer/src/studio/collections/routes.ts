import { Grid } from '@element-plus/icons-vue';
import type { AppPage } from '@/router/AppPage';

/** Collections (studio engineer): the list and the editor of one collection's fields, index fields, states and transitions. Ledger views are not edited here yet. */
const pages: AppPage[] = [
  {
    path: '/studio/collections',
    name: 'studio.collections',
    component: () => import('./CollectionListPage.vue'),
    permissions: ['definition.write'],
    nav: { titleKey: 'shell.nav.collections', icon: Grid, section: 'studio', order: 50 },
  },
  {
    path: '/studio/collections/:collectionKey',
    name: 'studio.collections.edit',
    component: () => import('./CollectionEditorPage.vue'),
    permissions: ['definition.write'],
  },
];
export default pages;
