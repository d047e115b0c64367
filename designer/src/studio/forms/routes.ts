import { Document } from '@element-plus/icons-vue';
import type { AppPage } from '@/router/AppPage';

/** Form designer pages (studio engineer): the list of form definitions and the designer of one. */
const pages: AppPage[] = [
  {
    path: '/studio/forms',
    name: 'studio.forms',
    component: () => import('./FormListPage.vue'),
    permissions: ['definition.write'],
    nav: { titleKey: 'shell.nav.forms', icon: Document, section: 'studio', order: 10 },
  },
  {
    path: '/studio/forms/:formKey',
    name: 'studio.forms.edit',
    component: () => import('./FormDesignerPage.vue'),
    permissions: ['definition.write'],
  },
];
export default pages;
