import type { Database } from '../db/Database';
import type { AuthContext } from '../http/AuthContext';
import type { DashboardPeriod } from './dashboardPeriod';

/** What every widget of one dashboard request shares: the caller, its scope, the org subtree, the period and the clock. */
export interface WidgetContext {
  db: Database;
  auth: AuthContext;
  /** The caller's `record.read` scope as SQL on `record r` (the ledgers' predicate). */
  scope: { sql: string; params: unknown[] };
  /** The requested org subtree (already checked to be in scope). */
  sub?: { id: string; path: string };
  period: DashboardPeriod;
  now: number;
  /** Every live org of a type in scope (and the subtree), by name. */
  /** The current paths of these orgs (record org ids of a grouped query). */
  orgPaths(ids: string[]): Promise<Map<string, string>>;
  orgGroups(orgType: string): Promise<Array<{ key: string; label: { zh: string; en: string }; orgId: string; path: string }>>;
}
