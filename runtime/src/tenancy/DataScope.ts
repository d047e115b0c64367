import { SafeFlowError } from '@safeflow/engine/errors';
import type { AuthContext } from '../http/AuthContext';

/**
 * The one place data scope is decided. A caller sees an org's data when the
 * org lies in the subtree of one of their memberships (orgs carry a
 * materialised `path` like `/a/b/c/`, so "in subtree" is a prefix test); a
 * platform admin sees everything. Repositories never filter by hand: they ask
 * a DataScope for a SQL predicate ({@link DataScope.sql}) or a check
 * ({@link DataScope.assertVisible}). Out-of-scope ids are answered 404, never
 * 403, so existence is not revealed.
 *
 * Permissions narrow it further: `scopeFor(auth, 'file.write')` keeps only the
 * memberships whose role grants that permission.
 */
export class DataScope {
  private constructor(
    readonly all: boolean,
    /** Subtree roots (org paths) the caller may reach, without redundant descendants. */
    readonly roots: readonly string[],
  ) {}

  /** The scope of `auth`, optionally limited to memberships granting `permission` (or any of several). */
  static of(auth: AuthContext, permission?: string | readonly string[]): DataScope {
    if (auth.platformAdmin) return new DataScope(true, []);
    const wanted = permission === undefined ? undefined : typeof permission === 'string' ? [permission] : permission;
    const paths = auth.memberships
      .filter((m) => !wanted || m.permissions.some((p) => wanted.includes(p)))
      .map((m) => m.orgPath)
      .sort();
    const roots: string[] = [];
    for (const p of paths) if (!roots.some((r) => p.startsWith(r))) roots.push(p);
    return new DataScope(false, roots);
  }

  /** A scope that sees everything (system jobs, CLI). */
  static system(): DataScope {
    return new DataScope(true, []);
  }

  /** Is the org at `orgPath` inside this scope? */
  contains(orgPath: string): boolean {
    return this.all || this.roots.some((r) => orgPath.startsWith(r));
  }

  /**
   * The orgs above the scope (the proper ancestors of its roots that it does not contain), as
   * paths: what is handed down from there — a bureau's active models — serves the caller too.
   */
  orgsAbove(): string[] {
    if (this.all) return [];
    const above = new Set<string>();
    for (const r of this.roots) {
      const ids = r.split('/').filter(Boolean);
      for (let i = 1; i < ids.length; i++) above.add(`/${ids.slice(0, i).join('/')}/`);
    }
    return [...above].filter((p) => !this.contains(p)).sort();
  }

  /** Does the scope reach some org of tenant `tenantId` (whose root org's path is `/<tenantId>/`)? */
  reachesTenant(tenantId: string): boolean {
    return this.all || this.roots.some((r) => r.startsWith(`/${tenantId}/`));
  }

  /** Throws `${what}.not_found` (404) unless `orgPath` is visible; use after loading a row by id. */
  assertVisible(orgPath: string | undefined | null, what: string, id: string): void {
    if (!orgPath || !this.contains(orgPath)) {
      throw new SafeFlowError(`${what}.not_found`, `${what} '${id}' not found`, { status: 404 });
    }
  }

  /**
   * SQL predicate restricting rows to the scope, for a column holding the
   * owning org's path. Returns `{ sql: '1=1' }` for unrestricted scopes and
   * `{ sql: '1=0' }` when the caller has no memberships.
   */
  sql(pathColumn: string): { sql: string; params: string[] } {
    if (this.all) return { sql: '1=1', params: [] };
    if (this.roots.length === 0) return { sql: '1=0', params: [] };
    return {
      sql: '(' + this.roots.map(() => `${pathColumn} LIKE ? ESCAPE '!'`).join(' OR ') + ')',
      params: this.roots.map((r) => escapeLike(r) + '%'),
    };
  }
}

/** Escapes LIKE wildcards in a literal prefix with `!` (an escape character both SQLite and MySQL accept). */
export function escapeLike(s: string): string {
  return s.replace(/[!%_]/g, (c) => '!' + c);
}
