import { Collection, Tickets } from '@element-plus/icons-vue';
import type { AppPage } from '@/router/AppPage';

/** Workspace pages (enterprise users, inspectors, officers). */
const pages: AppPage[] = [
  {
    path: '/tasks',
    name: 'workspace.inbox',
    component: () => import('./inbox/InboxPage.vue'),
    permissions: ['task.work'],
    nav: { titleKey: 'shell.nav.inbox', icon: Tickets, section: 'workspace', order: 10, tab: true },
  },
  {
    path: '/tasks/:id',
    name: 'workspace.task',
    component: () => import('./fill/TaskPage.vue'),
    permissions: ['task.work'],
  },
  {
    path: '/ledgers',
    name: 'workspace.ledgers',
    component: () => import('./ledgers/LedgersPage.vue'),
    permissions: ['record.read'],
    nav: { titleKey: 'shell.nav.ledgers', icon: Collection, section: 'workspace', order: 20, tab: true },
  },
  {
    path: '/ledgers/:viewKey',
    name: 'workspace.ledger',
    component: () => import('./ledgers/LedgerPage.vue'),
    permissions: ['record.read'],
  },
  {
    path: '/records/:collection/:id',
    name: 'workspace.record',
    component: () => import('./records/RecordPage.vue'),
    permissions: ['record.read'],
  },
];
export default pages;
