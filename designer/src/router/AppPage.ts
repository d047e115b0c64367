import type { Component } from 'vue';
import type { RouteRecordRaw } from 'vue-router';

/** The navigation sections of the shell, in order. */
export type NavSection = 'workspace' | 'studio' | 'admin';

/**
 * One page of the app, registered in an area's `routes.ts`
 * (`src/workspace/routes.ts`, `src/studio/<area>/routes.ts`, `src/pages/routes.ts`).
 * The component is always a dynamic import, so each page is its own chunk and
 * the Workspace never loads Studio code.
 */
export interface AppPage {
  /** Absolute path, e.g. `/studio/forms` or `/tasks/:id`. */
  path: string;
  /** Unique route name (`area.page`). */
  name: string;
  component: () => Promise<Component | { default: Component }>;
  /** Shown to callers holding any of these permissions (GET /api/v1/me); absent = every logged-in user. */
  permissions?: string[];
  /** Only for platform admins. */
  platformAdmin?: boolean;
  /**
   * The entitlement module (基础服务 / 增值服务, e.g. `aiPatrol`) a tenant of the caller must have
   * (GET /api/v1/me `modules`); pages of a module the tenant has not bought are not offered.
   */
  module?: string;
  /** An entry in the sidebar (desktop) / tab bar or drawer (phone). */
  nav?: {
    /** i18n key of the label, e.g. `shell.nav.inbox`. */
    titleKey: string;
    /** An icon component (from `@element-plus/icons-vue`). */
    icon?: Component;
    section: NavSection;
    /** Sort order inside the section (lower first). */
    order: number;
    /** Also in the phone's bottom tab bar (keep to ~4 entries, Workspace first). */
    tab?: boolean;
  };
  /** Public page (no login). */
  public?: boolean;
  /** Rendered without the shell layout (login). */
  bare?: boolean;
  props?: RouteRecordRaw['props'];
}
