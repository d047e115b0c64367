import type { AppPage, NavSection } from './AppPage';

/** What the shell knows about the caller (from GET /api/v1/me). */
export interface Viewer {
  permissions: readonly string[];
  platformAdmin: boolean;
  /** Entitlement modules of the caller's tenants. */
  modules: readonly string[];
}

/** True when the viewer may open the page. */
export function canSee(page: Pick<AppPage, 'permissions' | 'platformAdmin' | 'public' | 'module'>, viewer: Viewer | null): boolean {
  if (page.public) return true;
  if (!viewer) return false;
  if (page.platformAdmin && !viewer.platformAdmin) return false;
  if (page.module && !viewer.platformAdmin && !viewer.modules.includes(page.module)) return false;
  if (!page.permissions?.length) return true;
  return viewer.platformAdmin || page.permissions.some((p) => viewer.permissions.includes(p));
}

/** One navigation section with its entries, for the sidebar / drawer. */
export interface NavGroup {
  section: NavSection;
  pages: AppPage[];
}

const ORDER: NavSection[] = ['workspace', 'studio', 'admin'];

/** The nav entries the viewer may see, grouped by section and sorted. */
export function navGroups(pages: readonly AppPage[], viewer: Viewer | null): NavGroup[] {
  return ORDER.map((section) => ({
    section,
    pages: pages
      .filter((p) => p.nav?.section === section && canSee(p, viewer))
      .sort((a, b) => a.nav!.order - b.nav!.order),
  })).filter((g) => g.pages.length > 0);
}
