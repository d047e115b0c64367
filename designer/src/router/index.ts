import { createRouter, createWebHistory, type RouteRecordRaw, type Router } from 'vue-router';
import { onSessionExpired } from '@/api';
import { useSessionStore } from '@/stores/session';
import type { AppPage } from './AppPage';
import { allPages } from './pages';
import { canSee } from './visiblePages';

export type { AppPage, NavSection } from './AppPage';
export { canSee, navGroups, type Viewer, type NavGroup } from './visiblePages';
export { allPages } from './pages';

function toRecord(page: AppPage): RouteRecordRaw {
  return {
    path: page.path,
    name: page.name,
    component: page.component,
    props: page.props ?? true,
    meta: { page },
  };
}

/** Builds the app router: every registered page plus the login guard and the permission guard. */
export function createAppRouter(pages: readonly AppPage[] = allPages): Router {
  const router = createRouter({
    history: createWebHistory('/'),
    routes: [
      ...pages.map(toRecord),
      { path: '/', name: 'home', redirect: () => ({ name: 'workspace.inbox' }) },
      { path: '/:pathMatch(.*)*', name: 'notFound', component: () => import('@/pages/NotFoundPage.vue') },
    ],
    scrollBehavior: () => ({ top: 0 }),
  });

  router.beforeEach(async (to) => {
    const page = to.meta.page as AppPage | undefined;
    if (page?.public) return true;
    const session = useSessionStore();
    if (!session.loggedIn) return { name: 'login', query: to.fullPath !== '/' ? { next: to.fullPath } : {} };
    if (!session.me) {
      try {
        await session.loadMe();
      } catch {
        if (!session.loggedIn) return { name: 'login' };
      }
    }
    if (page && !canSee(page, session.viewer)) return { name: 'notFound', params: { pathMatch: to.path.slice(1).split('/') } };
    return true;
  });

  onSessionExpired(() => {
    const session = useSessionStore();
    session.clear();
    const current = router.currentRoute.value;
    if (current.name !== 'login') void router.push({ name: 'login', query: { next: current.fullPath } });
  });
  return router;
}
