import { InfoFilled } from '@element-plus/icons-vue';
import type { AppPage } from '@/router/AppPage';

/** Shell pages: login and about. */
const pages: AppPage[] = [
  { path: '/login', name: 'login', component: () => import('./LoginPage.vue'), public: true, bare: true },
  {
    path: '/about',
    name: 'about',
    component: () => import('./AboutPage.vue'),
    nav: { titleKey: 'shell.nav.about', icon: InfoFilled, section: 'admin', order: 100 },
  },
];
export default pages;
