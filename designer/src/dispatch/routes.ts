import { Promotion } from '@element-plus/icons-vue';
import type { AppPage } from '@/router/AppPage';

/** Command dispatch (指挥调度): open events, and one event's orders with live status and the leaders' steps. */
const pages: AppPage[] = [
  {
    path: '/dispatch',
    name: 'dispatch.events',
    module: 'commandDispatch',
    component: () => import('./DispatchEventsPage.vue'),
    permissions: ['record.read'],
    nav: { titleKey: 'dispatch.nav', icon: Promotion, section: 'workspace', order: 30 },
  },
  {
    path: '/dispatch/:id',
    name: 'dispatch.event',
    module: 'commandDispatch',
    component: () => import('./DispatchEventPage.vue'),
    permissions: ['record.read'],
    props: true,
  },
];
export default pages;
