import { Bell } from '@element-plus/icons-vue';
import type { AppPage } from '@/router/AppPage';

/** The notification centre (every logged-in user; the top bar's bell links here) and the channel settings of tenant admins. */
const pages: AppPage[] = [
  {
    path: '/notifications',
    name: 'notifications.centre',
    component: () => import('./NotificationsPage.vue'),
  },
  {
    path: '/studio/notification-channels',
    name: 'notifications.channels',
    component: () => import('./ChannelsPage.vue'),
    permissions: ['org.write'],
    nav: { titleKey: 'notifications.nav.channels', icon: Bell, section: 'studio', order: 70 },
  },
];
export default pages;
