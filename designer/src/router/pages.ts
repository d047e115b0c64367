import type { AppPage } from './AppPage';

/**
 * Every registered page: the default exports (`AppPage[]`) of all
 * `routes.ts` files under `src/`. Adding an area = adding its `routes.ts`;
 * nothing here changes. The files only hold dynamic imports, so importing
 * them eagerly costs nothing.
 */
const modules = import.meta.glob<AppPage[]>('../**/routes.ts', { eager: true, import: 'default' });

/** All pages, ordered by file path then declaration (stable). */
export const allPages: AppPage[] = Object.keys(modules)
  .sort()
  .flatMap((k) => modules[k] ?? []);
