import { SafeFlowError } from '@safeflow/engine/errors';
import type { AppDeps } from '../app/AppDeps';
import type { AuthContext } from '../http/AuthContext';
import type { CollectionContent } from '../definitions/CollectionContent';
import { resolveActingOrg } from '../definitions/orgContext';
import { resolvePublishedForCaller } from '../definitions/resolveForCaller';
import { AggregateService } from '../records/AggregateService';
import { LedgerService } from '../records/LedgerService';
import { DataScope, escapeLike } from '../tenancy/DataScope';
import { aggregateViewWidget } from './aggregateViewWidget';
import { cameraHealthWidget, occurrencesWidget } from './builtinWidgets';
import { DashboardContent, isDashboardContent, type DashboardWidget } from './DashboardContent';
import { parseDashboardPeriod } from './dashboardPeriod';
import { recordsWidget } from './recordsWidget';
import type { DashboardData, WidgetData } from './WidgetData';
import type { WidgetContext } from './WidgetContext';

/** What a dashboard request may narrow: an org subtree and a period (`YYYY-MM`, `YYYY-Qn`, `YYYY`, `last12Months`, or from/to). */
export interface DashboardQuery {
  orgId?: string;
  period?: string;
  from?: number;
  to?: number;
}

/**
 * Dashboards: `view` definitions with `type: "dashboard"`, computed for the
 * caller — every widget in the caller's `record.read` scope, the requested
 * org subtree and period, each number with the drill-down to what it
 * counts. A widget whose source fails for a reason of its own (a collection
 * this tenant has not installed) carries the error in words; the others
 * still show.
 */
export class DashboardService {
  private readonly ledgers: LedgerService;
  private readonly aggregates: AggregateService;

  constructor(private readonly deps: AppDeps) {
    this.ledgers = new LedgerService(deps);
    this.aggregates = new AggregateService(deps);
  }

  async compute(auth: AuthContext, key: string, q: DashboardQuery): Promise<DashboardData> {
    const db = this.deps.db;
    const resolved = await resolvePublishedForCaller(db, auth, 'view', key, 'record.read', q.orgId);
    if (!isDashboardContent(resolved.version.content)) throw new SafeFlowError('dashboard.not_dashboard', `View '${key}' is not a dashboard`, { status: 400 });
    const d = DashboardContent.parse(resolved.version.content);
    const now = this.deps.clock.now().getTime();
    const period = parseDashboardPeriod(q, now, d.defaultPeriod);
    const sub = q.orgId ? await resolveActingOrg(db, auth, q.orgId, 'record.read') : undefined;
    const ctx: WidgetContext = {
      db,
      auth,
      scope: await this.ledgers.scopeSql(auth),
      sub: sub ? { id: sub.id, path: sub.path } : undefined,
      period,
      now,
      orgGroups: (orgType) => this.orgGroups(auth, orgType, sub?.path),
      orgPaths: (ids) => this.orgPaths(ids),
    };
    const widgets: WidgetData[] = [];
    const ms: Record<string, number> = {};
    for (const w of d.widgets) {
      const t = performance.now();
      widgets.push(await this.widget(ctx, w));
      ms[w.id] = +(performance.now() - t).toFixed(1);
    }
    this.deps.logger.debug({ dashboard: key, widgetMs: ms }, 'dashboard computed');
    return { key, title: d.title, period, orgId: sub?.id ?? null, widgets };
  }

  /**
   * The dashboards the caller may open: published views of type
   * `dashboard` owned by an org on the path of one of the caller's
   * `record.read` memberships (inherited from above), the nearest per key,
   * meant for the caller (`audience`: an org type of one of its memberships).
   */
  async list(auth: AuthContext): Promise<Array<{ key: string; title: { zh: string; en: string }; widgets: number }>> {
    const paths = auth.platformAdmin ? undefined : auth.memberships.filter((m) => m.permissions.includes('record.read')).map((m) => m.orgPath);
    if (paths && !paths.length) return [];
    const ancestors = paths ? [...new Set(paths.flatMap((p) => p.split('/').filter(Boolean).map((_, i, a) => `/${a.slice(0, i + 1).join('/')}/`)))] : [];
    const rows = await this.deps.db.query<{ def_key: string }>(
      `SELECT DISTINCT d.def_key FROM definition d JOIN definition_version v ON v.definition_id = d.id AND v.version = d.published_version
        WHERE d.kind = 'view' AND v.content LIKE ?${paths ? ` AND d.org_path IN (${ancestors.map(() => '?').join(', ')})` : ''} ORDER BY d.def_key`,
      ['%"dashboard"%', ...ancestors],
    );
    const orgIds = [...new Set(auth.memberships.filter((m) => m.permissions.includes('record.read')).map((m) => m.orgId))];
    const types = new Set(
      orgIds.length ? (await this.deps.db.query<{ type: string }>(`SELECT type FROM org WHERE id IN (${orgIds.map(() => '?').join(', ')})`, orgIds)).map((o) => o.type) : [],
    );
    const out = [];
    for (const r of rows) {
      const resolved = await resolvePublishedForCaller(this.deps.db, auth, 'view', r.def_key, 'record.read').catch(() => undefined);
      const c = resolved?.version.content;
      if (!resolved || !isDashboardContent(c)) continue;
      const d = DashboardContent.safeParse(c);
      if (!d.success) continue;
      const audience = d.data.audience?.orgTypes;
      if (audience && !auth.platformAdmin && !audience.some((t) => types.has(t))) continue;
      out.push({ key: r.def_key, title: d.data.title, widgets: d.data.widgets.length });
    }
    return out;
  }

  private async widget(ctx: WidgetContext, w: DashboardWidget): Promise<WidgetData> {
    const head = { id: w.id, type: w.type, title: w.title, span: w.span ?? (w.type === 'kpi' || w.type === 'gauge' ? 1 : 2) };
    try {
      const src = w.source;
      let body: Omit<WidgetData, 'id' | 'type' | 'title' | 'span' | 'error'>;
      if (src.kind === 'records') {
        const c = (await resolvePublishedForCaller(ctx.db, ctx.auth, 'collection', src.collection, 'record.read', ctx.sub?.id)).version.content as CollectionContent;
        body = await recordsWidget(ctx, w, src, c);
      } else if (src.kind === 'aggregateView') body = await aggregateViewWidget(ctx, this.aggregates, w, src);
      else if (src.kind === 'schedule-occurrences') body = await occurrencesWidget(ctx, w, src);
      else body = await cameraHealthWidget(ctx, w);
      return { ...head, ...body, error: null };
    } catch (err) {
      if (err instanceof SafeFlowError && err.status >= 400 && err.status < 500 && !err.code.startsWith('dashboard.invalid_period')) {
        return { ...head, series: [], groups: [], totals: { values: {}, drill: {} }, error: { code: err.code, message: err.message } };
      }
      throw err;
    }
  }

  private async orgPaths(ids: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const rows = await this.deps.db.query<{ id: string; path: string }>(`SELECT id, path FROM org WHERE id IN (${chunk.map(() => '?').join(', ')})`, chunk);
      for (const r of rows) out.set(r.id, r.path);
    }
    return out;
  }

  /** Every live org of `orgType` inside the caller's `record.read` scope (and `subPath`), by name. */
  private async orgGroups(auth: AuthContext, orgType: string, subPath: string | undefined) {
    const scope = DataScope.of(auth, 'record.read').sql('o.path');
    const extra = subPath ? " AND o.path LIKE ? ESCAPE '!'" : '';
    const rows = await this.deps.db.query<{ id: string; name: string; path: string }>(
      `SELECT o.id, o.name, o.path FROM org o WHERE o.type = ? AND o.archived = 0 AND ${scope.sql}${extra} ORDER BY o.name, o.id`,
      [orgType, ...scope.params, ...(subPath ? [escapeLike(subPath) + '%'] : [])],
    );
    return rows.map((r) => ({ key: r.id, label: { zh: r.name, en: r.name }, orgId: r.id, path: r.path }));
  }
}
